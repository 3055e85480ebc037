import { createServer } from 'node:http';
import { Controller, Get, Param, Post } from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { context, SpanKind, trace } from '@opentelemetry/api';
import request from 'supertest';
import { installInMemoryTracing, type InMemoryTracing } from '../../observability/src/testing/in-memory-tracing';
import { nameServerSpansByRoute } from './route-span-names';

@Controller()
class ProbeController {
  @Post('cases/:caseId/routing')
  route(@Param('caseId') caseId: string): { caseId: string } {
    return { caseId };
  }

  @Get('cases')
  list(): [] {
    return [];
  }
}

/**
 * What @opentelemetry/instrumentation-http does around each incoming request
 * (it cannot patch `http` under jest): a SERVER span named by method, active
 * while the request is handled, ended when the response is.
 */
const tracedServerFactory = (handler: Parameters<typeof createServer>[1]) =>
  createServer((req, res) => {
    const span = trace.getTracer('http-stand-in').startSpan(req.method ?? 'GET', { kind: SpanKind.SERVER });
    res.on('finish', () => span.end());
    context.with(trace.setSpan(context.active(), span), () => handler?.(req, res));
  });

describe('nameServerSpansByRoute', () => {
  let tracing: InMemoryTracing;
  let app: NestFastifyApplication;
  beforeAll(async () => {
    tracing = installInMemoryTracing();
    const moduleRef = await Test.createTestingModule({ controllers: [ProbeController] }).compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(
      new FastifyAdapter({ serverFactory: tracedServerFactory }),
      { logger: false },
    );
    nameServerSpansByRoute(app);
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });
  afterAll(async () => {
    await app.close();
    await tracing.uninstall();
  });
  beforeEach(() => tracing.reset());

  const serverSpans = () => tracing.spans().filter((span) => span.kind === SpanKind.SERVER);

  it('names the server span by method and route pattern, and sets http.route', async () => {
    await request(app.getHttpServer()).post('/cases/0193-abc/routing').expect(201);

    const [span] = serverSpans();
    expect(span?.name).toBe('POST /cases/:caseId/routing');
    expect(span?.attributes['http.route']).toBe('/cases/:caseId/routing');
    expect(JSON.stringify({ name: span?.name, attributes: span?.attributes })).not.toContain('0193-abc');
  });

  it('names a GET the same way', async () => {
    await request(app.getHttpServer()).get('/cases').expect(200);

    expect(serverSpans().map((span) => span.name)).toEqual(['GET /cases']);
  });

  it('leaves an unmatched request named by method alone', async () => {
    await request(app.getHttpServer()).get('/nowhere').expect(404);

    const [span] = serverSpans();
    expect(span?.name).toBe('GET');
    expect(span?.attributes['http.route']).toBeUndefined();
  });
});
