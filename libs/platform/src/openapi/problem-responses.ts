import {
  type OpenAPIObject,
  type OperationObject,
  type ReferenceObject,
  type ResponseObject,
  type SchemaObject,
} from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE } from '@app/errors';

const PROBLEM_SCHEMA = 'Problem';
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'] as const;

/** RFC 9457 problem details as libs/errors renders them (docs/errors.md lists the codes). */
const problemSchema: SchemaObject = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail', 'code', 'correlationId'],
  properties: {
    type: { type: 'string', example: 'urn:refugio:problem:request.validation_failed' },
    title: { type: 'string' },
    status: { type: 'integer', minimum: 400, maximum: 599 },
    detail: { type: 'string' },
    instance: { type: 'string' },
    code: { type: 'string', description: 'Stable; clients branch on it.', example: 'REQUEST.VALIDATION_FAILED' },
    correlationId: { type: 'string' },
    errors: {
      type: 'array',
      description: 'Field paths and rule names of a validation failure, never the values sent.',
      items: {
        type: 'object',
        required: ['field', 'reasons'],
        properties: { field: { type: 'string' }, reasons: { type: 'array', items: { type: 'string' } } },
      },
    },
  },
};

interface StandardFailure {
  status: string;
  description: string;
  applies: (operation: OperationObject, path: string) => boolean;
}

const secured = (operation: OperationObject): boolean => (operation.security ?? []).length > 0;

/** Failures any route can answer with, whether or not its controller names them. */
const STANDARD_FAILURES: StandardFailure[] = [
  {
    status: '400',
    description:
      'The path, query or body failed validation (REQUEST.VALIDATION_FAILED, REQUEST.INVALID, or a domain code).',
    applies: () => true,
  },
  { status: '401', description: 'No token, or one that failed verification (AUTH.UNAUTHENTICATED).', applies: secured },
  { status: '403', description: 'The token lacks a role this route needs (AUTH.FORBIDDEN).', applies: secured },
  { status: '404', description: 'Nothing at this address for the caller.', applies: (_, path) => path.includes('{') },
  {
    status: '413',
    description: 'The body is over the limit (REQUEST.TOO_LARGE).',
    applies: (operation) => operation.requestBody !== undefined,
  },
  {
    status: '415',
    description: 'The body is not JSON (REQUEST.UNSUPPORTED_MEDIA_TYPE).',
    applies: (operation) => operation.requestBody !== undefined,
  },
  { status: '500', description: 'Unexpected; quote the correlation id (INTERNAL).', applies: () => true },
];

/**
 * Completes the generated document with what the controllers leave out:
 * every error response is problem+json with the Problem schema, and each
 * operation lists the failures the platform can answer on it (validation,
 * auth, size, not found, internal). Clients generated from the document and
 * API fuzzers then know every status they can meet.
 */
export function withProblemResponses(document: OpenAPIObject): OpenAPIObject {
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, [PROBLEM_SCHEMA]: problemSchema },
  };
  const problemContent = { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: `#/components/schemas/${PROBLEM_SCHEMA}` } } };
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      for (const failure of STANDARD_FAILURES) {
        if (failure.applies(operation, path))
          operation.responses[failure.status] ??= { description: failure.description };
      }
      for (const [status, response] of Object.entries(operation.responses)) {
        if (Number(status) >= 400 && response && !isReference(response)) response.content ??= problemContent;
      }
    }
  }
  closeRequestSchemas(document);
  return document;
}

/**
 * The global validation pipe refuses unknown fields (forbidNonWhitelisted),
 * so the request DTOs are closed objects; say so in their schemas, unless a
 * schema says otherwise (the SDK's records travel as open objects and are
 * checked by the SDK's parsers).
 */
function closeRequestSchemas(document: OpenAPIObject): void {
  const schemas = document.components?.schemas ?? {};
  const pending = Object.values(document.paths).flatMap((item) =>
    METHODS.flatMap((method) => {
      const body = item[method]?.requestBody;
      return body && !('$ref' in body) ? Object.values(body.content).map((media) => media.schema) : [];
    }),
  );
  const closed = new Set<string>();
  while (pending.length > 0) {
    const schema = pending.pop();
    if (!schema) continue;
    if ('$ref' in schema) {
      const name = schema.$ref.split('/').pop() ?? '';
      const target = schemas[name];
      if (closed.has(name) || !target) continue;
      closed.add(name);
      pending.push(target);
      continue;
    }
    if (schema.type === 'object' && schema.properties && schema.additionalProperties === undefined)
      schema.additionalProperties = false;
    pending.push(...Object.values(schema.properties ?? {}));
    if (schema.items) pending.push(schema.items);
  }
}

function isReference(response: ResponseObject | ReferenceObject): response is ReferenceObject {
  return '$ref' in response;
}
