import { Controller, Get, Logger, Module, Param } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger as ServiceLogger } from 'nestjs-pino';
import request from 'supertest';
import { ProblemDetailsFilter } from '@app/errors';
import { createServiceLogger } from '@app/observability';
import { serviceLoggerModule } from './service-logging';
import { correlateRequests, correlationIdOf, logCompletedRequests } from './request-log';

const canary = 'CANARY-Maria-Lopez-77';

@Controller()
class ProbeController {
  private readonly logger = new Logger('Probe');

  @Get('cases/:caseId')
  read(@Param('caseId') caseId: string): { caseId: string } {
    this.logger.log({ msg: 'case read', caseId });
    return { caseId };
  }

  @Get('broken')
  broken(): never {
    throw new Error(`E11000 dup key: { name: "${canary}" }`);
  }
}

/** Wired as bootstrapService wires a service's logging. */
async function startApp(raw: string[]): Promise<NestFastifyApplication> {
  const root = createServiceLogger('intake', 'info', { write: (line: string) => void raw.push(line) });
  @Module({ imports: [serviceLoggerModule(root)], controllers: [ProbeController] })
  class ProbeModule {}
  const app = await NestFactory.create<NestFastifyApplication>(
    ProbeModule,
    new FastifyAdapter({ genReqId: correlationIdOf }),
    {
      bufferLogs: true,
    },
  );
  app.useLogger(app.get(ServiceLogger));
  app.useGlobalFilters(new ProblemDetailsFilter());
  correlateRequests(app);
  logCompletedRequests(app, root);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

describe('service request logging', () => {
  const raw: string[] = [];
  let app: NestFastifyApplication;
  beforeAll(async () => {
    app = await startApp(raw);
  });
  afterAll(async () => {
    await app.close();
  });
  const lines = (): Record<string, unknown>[] => raw.map((line) => JSON.parse(line) as Record<string, unknown>);

  it('writes Nest, app and request lines as JSON only', () => {
    expect(raw.length).toBeGreaterThan(0);
    expect(lines().every((line) => line.service === 'intake' && typeof line.level === 'string')).toBe(true);
  });

  it('logs method, route template, status and correlation id, never the query string', async () => {
    await request(app.getHttpServer())
      .get(`/cases/case_1?name=${canary}`)
      .set('x-correlation-id', 'corr-read-0001')
      .set('authorization', `Bearer ${canary}`)
      .expect(200);
    const completed = lines().find((line) => line.msg === 'request completed');
    expect(completed).toMatchObject({
      level: 'info',
      context: 'Http',
      method: 'GET',
      route: '/cases/:caseId',
      status: 200,
      correlationId: 'corr-read-0001',
    });
    expect(typeof completed?.ms).toBe('number');
    expect(raw.join('')).not.toContain(canary);
  });

  it('gives every line logged while serving a request its correlation id, once', async () => {
    raw.length = 0;
    await request(app.getHttpServer()).get('/cases/case_2').set('x-correlation-id', 'corr-read-0002').expect(200);
    const read = raw.find((line) => line.includes('"case read"'));
    expect(JSON.parse(read ?? '{}')).toMatchObject({
      context: 'Probe',
      caseId: 'case_2',
      correlationId: 'corr-read-0002',
    });
    for (const line of raw) expect(line.split('"correlationId"').length).toBeLessThanOrEqual(2);
  });

  it('logs an unhandled error by name, with the correlation id, and not its message', async () => {
    raw.length = 0;
    await request(app.getHttpServer()).get('/broken').set('x-correlation-id', 'corr-broken-01').expect(500);
    const failure = lines().find((line) => line.msg === 'unhandled error');
    expect(failure).toMatchObject({ level: 'error', errorName: 'Error', correlationId: 'corr-broken-01' });
    for (const line of raw) expect(line.split('"correlationId"').length).toBeLessThanOrEqual(2);
    expect(raw.join('')).not.toContain(canary);
  });
});
