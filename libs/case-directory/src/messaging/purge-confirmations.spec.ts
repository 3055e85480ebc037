import { type Kafka, type Producer, type ProducerRecord } from 'kafkajs';
import { CasePurgedV1 } from '@app/contracts';
import { loadConfig, serviceEnv } from '@app/config';
import { type ServiceConfig } from '@app/platform';
import { PurgeConfirmations } from './purge-confirmations';
import { erasedEvent } from '../../test/erased-event.fixture';

const config: ServiceConfig = {
  ...loadConfig(serviceEnv, {
    HTTP_PORT: '0',
    KAFKA_BROKERS: '127.0.0.1:1',
    MONGODB_URI: 'mongodb://127.0.0.1:1/unit_test',
    AUTH_ISSUERS:
      '[{"issuer":"http://127.0.0.1:1/dev-issuer","jwksUri":"http://127.0.0.1:1/jwks.json","organizations":"*"}]',
    AUTH_AUDIENCE: 'refugio-api',
  }),
  serviceName: 'shelter-capacity',
};

function setup() {
  const sent: ProducerRecord[] = [];
  const producer = {
    send: jest.fn((record: ProducerRecord) => (sent.push(record), Promise.resolve([]))),
  } as unknown as Producer;
  const confirmations = new PurgeConfirmations(producer, {} as Kafka, config);
  return { confirmations, sent };
}

describe('PurgeConfirmations', () => {
  it('answers an erasure with case.purged from this service, caused by and correlated with the erasure', async () => {
    const { confirmations, sent } = setup();
    const erased = erasedEvent('case_abcdefghijkl', 4);
    const purgedAt = new Date('2030-01-02T03:04:05.000Z');

    await confirmations.confirm(erased, purgedAt);

    expect(sent).toHaveLength(1);
    const record = sent[0]!;
    expect(record.topic).toBe(CasePurgedV1.topic);
    expect(record.acks).toBe(-1);
    expect(record.messages[0]!.key).toBe('case_abcdefghijkl');
    const envelope = CasePurgedV1.envelope.parse(JSON.parse(String(record.messages[0]!.value)));
    expect(envelope).toMatchObject({
      aggregateId: 'case_abcdefghijkl',
      sequence: 4,
      producer: 'shelter-capacity',
      correlationId: erased.correlationId,
      causationId: erased.eventId,
      data: { caseId: 'case_abcdefghijkl', service: 'shelter-capacity', purgedAt: '2030-01-02T03:04:05.000Z' },
    });
  });

  it('lets a failed send reach the consumer, so the erasure is retried rather than committed', async () => {
    const producer = { send: jest.fn(() => Promise.reject(new Error('broker down'))) } as unknown as Producer;
    const confirmations = new PurgeConfirmations(producer, {} as Kafka, config);
    await expect(confirmations.confirm(erasedEvent('case_abcdefghijkl'), new Date())).rejects.toThrow('broker down');
  });
});
