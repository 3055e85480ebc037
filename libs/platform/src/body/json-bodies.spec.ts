import { Body, Controller, Post } from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { IsDefined, IsString } from 'class-validator';
import request from 'supertest';
import { ProblemDetailsFilter } from '@app/errors';
import { validationPipe } from '../bootstrap';
import { acceptJsonBodiesOnly } from './json-bodies';

class RoutingDto {
  @IsDefined()
  @IsString()
  routing!: string;
}

@Controller()
class ProbeController {
  @Post('cases')
  create(@Body() body: RoutingDto): { routing: string } {
    return { routing: body.routing };
  }
}

/** Wired as bootstrapService wires a service: no Nest body parsers, the pipe and the problem filter. */
async function startApp(): Promise<NestFastifyApplication> {
  const moduleRef = await Test.createTestingModule({ controllers: [ProbeController] }).compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), {
    logger: false,
    bodyParser: false,
  });
  app.useGlobalPipes(validationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  acceptJsonBodiesOnly(app);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

describe('acceptJsonBodiesOnly', () => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app.close();
  });

  // supertest rather than app.inject(): light-my-request loads an ES-only module jest cannot.
  const post = (contentType: string, payload: string, url = '/cases') =>
    request(app.getHttpServer()).post(url).set('content-type', contentType).send(payload);

  it('parses a JSON body', async () => {
    const response = await post('application/json; charset=utf-8', JSON.stringify({ routing: 'legal' }));
    expect(response.status).toBe(201);
    expect(response.body).toEqual({ routing: 'legal' });
  });

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'application/xml', 'multipart/form-data; boundary=x'])(
    'answers a %s body 415 as problem+json',
    async (contentType) => {
      const response = await post(contentType, 'routing=legal');
      expect(response.status).toBe(415);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body).toMatchObject({
        status: 415,
        code: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
        type: 'urn:refugio:problem:request.unsupported_media_type',
        title: 'Unsupported Media Type',
      });
    },
  );

  it('answers a body without a content type 415', async () => {
    const response = await request(app.getHttpServer()).post('/cases').send(Buffer.from('{"routing":"x"}'));
    expect(response.status).toBe(415);
  });

  it('answers an unknown path with a body 404, not 415', async () => {
    const response = await post('text/plain', 'x', '/nowhere');
    expect(response.status).toBe(404);
  });

  it('answers malformed JSON 400 REQUEST.INVALID', async () => {
    const response = await post('application/json', '{"routing":');
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'REQUEST.INVALID', detail: 'The body is not valid JSON.' });
  });

  it.each([
    ['a top-level "__proto__"', '{"routing":"legal","__proto__":{"isAdmin":true}}'],
    ['a nested "__proto__"', '{"routing":"legal","meta":[{"__proto__":{"isAdmin":true}}]}'],
    ['an escaped "__proto__"', '{"routing":"legal","\\u005f_proto__":{"isAdmin":true}}'],
    ['"constructor" holding "prototype"', '{"routing":"legal","constructor":{"prototype":{"isAdmin":true}}}'],
  ])('refuses valid JSON with %s as prototype pollution, not as invalid JSON', async (_name, payload) => {
    expect(() => JSON.parse(payload) as unknown).not.toThrow();
    const response = await post('application/json', payload);
    expect(response.status).toBe(400);
    const problem = response.body as { code: string; detail: string };
    expect(problem.code).toBe('REQUEST.PROTOTYPE_KEY');
    expect(problem.detail).toContain('prototype pollution');
    expect(problem.detail).not.toContain('not valid JSON');
  });

  it('does not refuse a "constructor" key that holds no "prototype"', async () => {
    const response = await post('application/json', '{"routing":"legal","constructor":"x"}');
    expect(response.body).not.toMatchObject({ code: 'REQUEST.PROTOTYPE_KEY' });
  });
});
