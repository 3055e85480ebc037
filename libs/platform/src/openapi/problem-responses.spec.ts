import { type OpenAPIObject } from '@nestjs/swagger';
import { withProblemResponses } from './problem-responses';

function documentWith(paths: OpenAPIObject['paths'], schemas: Record<string, object> = {}): OpenAPIObject {
  return { openapi: '3.0.0', info: { title: 't', version: '1' }, paths, components: { schemas } };
}

describe('withProblemResponses', () => {
  const document = withProblemResponses(
    documentWith(
      {
        '/health': { get: { responses: { '200': { description: 'ok' } } } },
        '/cases/{caseId}': {
          put: {
            security: [{ bearer: [] }],
            requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/WriteDto' } } } },
            responses: { '200': { description: 'ok' }, '409': { description: 'conflict' } },
          },
        },
      },
      {
        WriteDto: {
          type: 'object',
          properties: {
            record: { type: 'object', additionalProperties: true },
            routing: { $ref: '#/components/schemas/RoutingDto' },
          },
        },
        RoutingDto: { type: 'object', properties: { country: { type: 'string' } } },
        CaseView: { type: 'object', properties: { caseId: { type: 'string' } } },
      },
    ),
  );
  const health = document.paths['/health']?.get;
  const put = document.paths['/cases/{caseId}']?.put;

  it('adds the failures that apply to each operation, and only those', () => {
    expect(Object.keys(health?.responses ?? {}).sort()).toEqual(['200', '400', '500']);
    expect(Object.keys(put?.responses ?? {}).sort()).toEqual([
      '200',
      '400',
      '401',
      '403',
      '404',
      '409',
      '413',
      '415',
      '500',
    ]);
  });

  it('gives every error response the problem+json Problem schema, including those a controller named', () => {
    const conflict = put?.responses['409'] as { content?: Record<string, { schema: { $ref: string } }> };
    expect(conflict.content?.['application/problem+json']?.schema.$ref).toBe('#/components/schemas/Problem');
    expect(document.components?.schemas?.Problem).toMatchObject({
      required: expect.arrayContaining(['code', 'correlationId']) as string[],
    });
  });

  it('closes request bodies and what they reference, but leaves open records and response views alone', () => {
    const schemas = document.components?.schemas as Record<
      string,
      { additionalProperties?: unknown; properties?: Record<string, { additionalProperties?: unknown }> }
    >;
    expect(schemas.WriteDto?.additionalProperties).toBe(false);
    expect(schemas.RoutingDto?.additionalProperties).toBe(false);
    expect(schemas.WriteDto?.properties?.record?.additionalProperties).toBe(true);
    expect(schemas.CaseView?.additionalProperties).toBeUndefined();
  });
});
