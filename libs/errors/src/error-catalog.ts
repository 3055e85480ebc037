import { DomainError, type ErrorCode } from './domain-error';

/**
 * The statuses an error may have, each with the title problem+json gives it
 * (the HTTP reason phrase). A status outside this list is a compile error in
 * a catalog, so every title is known.
 */
export const REASON_PHRASES = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
} as const;

export type ProblemStatus = keyof typeof REASON_PHRASES;

/** What a catalog says of one code: its status, and when a caller meets it (for docs/errors.md). */
export interface ErrorSpec {
  status: ProblemStatus;
  when: string;
}

export interface CatalogEntry<C extends string = string> extends ErrorSpec {
  code: C;
  title: string;
}

/**
 * The codes one service or library can answer with. Throwers name a code and
 * a message; the problem filter and docs/errors.md take status, title and
 * meaning from here, so the three cannot drift apart.
 */
export interface ErrorCatalog<C extends string = string> {
  /** Who throws these codes, e.g. 'intake' (the heading of the catalog's table in docs/errors.md). */
  readonly name: string;
  readonly entries: readonly CatalogEntry<C>[];
  /** The code as an ErrorCode, for subclasses of DomainError that pass it to super(). */
  code<K extends C>(code: K): ErrorCode<K>;
  /** The usual form: `throw INTAKE_ERRORS.error('SECTION.TOO_LARGE', 'the ciphertext is over 256 KiB')`. */
  error(code: C, message: string): DomainError;
}

const CODE_SHAPE = /^[A-Z][A-Z_]*(\.[A-Z][A-Z_]*)*$/;

export function defineErrorCatalog<C extends string>(name: string, specs: Record<C, ErrorSpec>): ErrorCatalog<C> {
  const entries = (Object.entries(specs) as [C, ErrorSpec][]).map(([code, spec]) => {
    // Codes become problem types (urn:refugio:problem:<code>); keep them to one shape.
    if (!CODE_SHAPE.test(code)) throw new Error(`error catalog ${name}: malformed code ${code}`);
    return { code, status: spec.status, title: REASON_PHRASES[spec.status], when: spec.when };
  });
  const code = <K extends C>(known: K): ErrorCode<K> => known as ErrorCode<K>;
  return {
    name,
    entries,
    code,
    error: (known, message) => new DomainError(code(known), message),
  };
}

/**
 * One lookup over the catalogs a service answers with. A code defined twice
 * would have two statuses, so it is refused when the service starts.
 */
export function indexCatalogs(catalogs: readonly ErrorCatalog[]): ReadonlyMap<string, CatalogEntry> {
  const index = new Map<string, CatalogEntry>();
  const owner = new Map<string, ErrorCatalog>();
  for (const catalog of catalogs) {
    for (const entry of catalog.entries) {
      const first = owner.get(entry.code);
      if (first !== undefined && first !== catalog)
        throw new Error(`error code ${entry.code} is defined by both ${first.name} and ${catalog.name}`);
      owner.set(entry.code, catalog);
      index.set(entry.code, entry);
    }
  }
  return index;
}

/** The codes of a catalog, as a union: `CodeOf<typeof INTAKE_ERRORS>`. */
export type CodeOf<T extends ErrorCatalog> = T['entries'][number]['code'];
