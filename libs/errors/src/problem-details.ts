/** RFC 9457 problem details, with the project's stable `code` and correlation id. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  code: string;
  correlationId: string;
  /** Field-level reasons for validation failures: paths and rules, never values. */
  errors?: { field: string; reasons: string[] }[];
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Problem types are documented in docs/errors.md under their code. */
export function problemType(code: string): string {
  return `urn:refugio:problem:${code.toLowerCase()}`;
}
