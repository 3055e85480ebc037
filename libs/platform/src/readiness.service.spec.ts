import { Test } from '@nestjs/testing';
import { TerminusModule } from '@nestjs/terminus';
import { MONGO_CONNECTION } from '@app/persistence';
import { HealthController } from './health.controller';
import { KAFKA } from './platform.tokens';
import { ReadinessService } from './readiness.service';

interface Fakes {
  mongoAnswers: boolean;
  describeCluster: jest.Mock<Promise<{ brokers: unknown[] }>, []>;
}

async function start(
  fakes: Fakes,
): Promise<{ readiness: ReadinessService; controller: HealthController; close: () => Promise<void> }> {
  const connection = {
    // mongoose.ConnectionStates.connected
    get readyState() {
      return 1;
    },
    db: {
      command: () => (fakes.mongoAnswers ? Promise.resolve({ ok: 1 }) : Promise.reject(new Error('not primary'))),
    },
  };
  const admin = {
    connect: () => Promise.resolve(),
    disconnect: () => Promise.resolve(),
    describeCluster: fakes.describeCluster,
  };
  const moduleRef = await Test.createTestingModule({
    imports: [TerminusModule.forRoot({ logger: false })],
    controllers: [HealthController],
    providers: [
      ReadinessService,
      { provide: MONGO_CONNECTION, useValue: connection },
      { provide: KAFKA, useValue: { admin: () => admin } },
    ],
  }).compile();
  return {
    readiness: moduleRef.get(ReadinessService),
    controller: moduleRef.get(HealthController),
    close: () => moduleRef.close(),
  };
}

function fakes(): Fakes {
  return {
    mongoAnswers: true,
    describeCluster: jest.fn(() => Promise.resolve({ brokers: [{ nodeId: 1 }] as unknown[] })),
  };
}

describe('ReadinessService (terminus)', () => {
  it('is ready when MongoDB, Kafka and every registered source are', async () => {
    const { readiness } = await start(fakes());
    readiness.register({ name: 'consumer', healthy: true });
    expect(await readiness.report()).toEqual({ ready: true, checks: { mongo: true, kafka: true, consumer: true } });
  });

  it('is not ready when a registered source is unhealthy, and says which', async () => {
    const { readiness } = await start(fakes());
    let alive = true;
    readiness.register({
      name: 'consumer',
      get healthy() {
        return alive;
      },
    });
    readiness.register({ name: 'outboxRelay', healthy: true });
    alive = false;
    expect(await readiness.report()).toEqual({
      ready: false,
      checks: { mongo: true, kafka: true, consumer: false, outboxRelay: true },
    });
  });

  it('is not ready when MongoDB does not answer its ping', async () => {
    const setup = fakes();
    setup.mongoAnswers = false;
    const { readiness } = await start(setup);
    expect(await readiness.report()).toEqual({ ready: false, checks: { mongo: false, kafka: true } });
  });

  it('asks Kafka at most once per two seconds, failures included', async () => {
    const setup = fakes();
    setup.describeCluster.mockRejectedValue(new Error('broker down'));
    const { readiness } = await start(setup);
    expect((await readiness.report()).checks.kafka).toBe(false);
    expect((await readiness.report()).checks.kafka).toBe(false);
    expect(setup.describeCluster).toHaveBeenCalledTimes(1);
  });

  it('is not ready once the app is shutting down', async () => {
    const { readiness, close } = await start(fakes());
    await close();
    expect(await readiness.report()).toEqual({ ready: false, checks: { mongo: true, kafka: true } });
  });

  it('counts a Kafka that does not answer within two seconds as down', async () => {
    const setup = fakes();
    setup.describeCluster.mockReturnValue(new Promise(() => undefined));
    const { readiness } = await start(setup);
    expect(await readiness.report()).toEqual({ ready: false, checks: { mongo: true, kafka: false } });
  }, 10_000);
});

describe('HealthController', () => {
  function reply() {
    const sent: { status?: number; body?: unknown } = {};
    const target = {
      status(code: number) {
        sent.status = code;
        return target;
      },
      send(body: unknown) {
        sent.body = body;
      },
    };
    return { target, sent };
  }

  it('answers /ready 200 with every check, and 503 naming the failed one', async () => {
    const { readiness, controller } = await start(fakes());
    const ok = reply();
    await controller.ready(ok.target);
    expect(ok.sent).toEqual({ status: 200, body: { status: 'ready', checks: { mongo: true, kafka: true } } });
    readiness.register({ name: 'consumer', healthy: false });
    const failed = reply();
    await controller.ready(failed.target);
    expect(failed.sent).toEqual({
      status: 503,
      body: { status: 'not_ready', checks: { mongo: true, kafka: true, consumer: false } },
    });
  });

  it('answers /health without asking any dependency', async () => {
    const setup = fakes();
    const { controller } = await start(setup);
    expect(controller.health()).toEqual({ status: 'ok' });
    expect(setup.describeCluster).not.toHaveBeenCalled();
  });
});
