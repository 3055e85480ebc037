import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DomainError, PLATFORM_ERRORS } from '@app/errors';
import { findPollutingKey } from './polluting-keys';

/** A body whose content type is not JSON: every route that takes a body takes JSON. */
export class UnsupportedMediaTypeError extends DomainError {
  constructor() {
    super(
      PLATFORM_ERRORS.code('REQUEST.UNSUPPORTED_MEDIA_TYPE'),
      'The body must be JSON (content-type: application/json).',
    );
  }
}

/** A body that is not JSON although its content type says so. */
export class InvalidJsonBodyError extends DomainError {
  constructor(detail: string) {
    super(PLATFORM_ERRORS.code('REQUEST.INVALID'), detail);
  }
}

/** Valid JSON that could rewrite an object's prototype once copied or merged. */
export class PrototypePollutionError extends DomainError {
  constructor() {
    super(
      PLATFORM_ERRORS.code('REQUEST.PROTOTYPE_KEY'),
      'A "__proto__" key, or a "constructor" key holding "prototype", is refused (prototype pollution).',
    );
  }
}

/**
 * Makes JSON the only body the services parse. Fastify also parses text/plain
 * (and Nest adds urlencoded forms), so such a body reached the validation pipe
 * as a string and was answered 400 for missing fields instead of 415. Needs
 * the app created with `bodyParser: false`, so that Nest adds no parsers of
 * its own; must be called before app.init().
 *
 * Fastify's own JSON parser answers "not valid JSON" for a prototype key too,
 * which sends the caller looking for a syntax error; the errors here say which.
 */
export function acceptJsonBodiesOnly(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, parseJsonBody(String(body)));
    } catch (error) {
      done(error instanceof Error ? error : new InvalidJsonBodyError('The body is not valid JSON.'), undefined);
    }
  });
  // Any other type, or a body without one. The body is not read: nothing in it is used.
  fastify.addContentTypeParser('*', (request, _payload, done) => {
    // An unknown path answers 404 as it would without a body.
    if (request.routeOptions.url === undefined) return done(null, undefined);
    done(new UnsupportedMediaTypeError(), undefined);
  });
}

export function parseJsonBody(text: string): unknown {
  if (text.length === 0) throw new InvalidJsonBodyError('The body is empty, but its content type says JSON.');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new InvalidJsonBodyError('The body is not valid JSON.');
  }
  // JSON.parse makes "__proto__" an own property (no pollution yet); a later spread or merge would not.
  if (findPollutingKey(parsed) !== undefined) throw new PrototypePollutionError();
  return parsed;
}
