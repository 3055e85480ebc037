import { type EachMessagePayload, type KafkaMessage, type ProducerRecord } from 'kafkajs';
import { CaseOpenedV1, deadLetterTopic, uuidv7 } from '@app/contracts';
import { JsonLogger } from '@app/observability';
import { ReliableKafkaServer } from './reliable-kafka-server';

const logger = new JsonLogger('unit', 'error');

function validValue(): string {
  return JSON.stringify({
    eventId: uuidv7(), type: CaseOpenedV1.type, version: 1, aggregateId: 'case_1', sequence: 1, occurredAt: new Date().toISOString(),
    producer: 'intake', correlationId: 'corr-12345678', causationId: null,
    data: { caseId: 'case_1', ownerOrgId: 'org_a', routing: { country: 'MX', regionCode: 'MX-CHP', needs: [], urgency: 'routine', languages: ['es'] } },
  });
}

function setup(options: { failSend?: boolean } = {}) {
  const sent: ProducerRecord[] = [];
  const listeners = new Map<string, (event: { payload: { error: Error; restart: boolean; groupId: string } }) => void>();
  const onFatal = jest.fn();
  const server = new ReliableKafkaServer({ kafka: { client: { brokers: ['127.0.0.1:1'] } }, retry: { maxAttempts: 3, baseDelayMs: 1 }, topics: { partitions: 1, replicationFactor: 1 }, onFatal, logger });
  const producer = { send: jest.fn((record: ProducerRecord) => (options.failSend ? Promise.reject(new Error('broker down')) : (sent.push(record), Promise.resolve([])))) };
  const consumer = { events: { CONNECT: 'connect', DISCONNECT: 'disconnect', REBALANCING: 'rebalancing', STOP: 'stop', CRASH: 'crash' }, on: (name: string, listener: never) => listeners.set(name, listener) };
  Object.assign(server, { producer, consumer });
  return { server, sent, listeners, onFatal };
}

function payload(topic: string, value: string): EachMessagePayload & { heartbeat: jest.Mock } {
  const message = { key: Buffer.from('case_1'), value: Buffer.from(value), offset: '7', headers: {}, timestamp: '0', attributes: 0, size: 0 } as unknown as KafkaMessage;
  return { topic, partition: 0, message, heartbeat: jest.fn(() => Promise.resolve()), pause: jest.fn() as never };
}

const header = (record: ProducerRecord | undefined, name: string): string | undefined => record?.messages[0]?.headers?.[name]?.toString();

describe('ReliableKafkaServer', () => {
  it('dead-letters a message that no handler matches instead of committing it silently', async () => {
    const { server, sent } = setup();
    await server.handleMessage(payload(CaseOpenedV1.topic, validValue()));
    expect(sent[0]?.topic).toBe(deadLetterTopic(CaseOpenedV1.topic));
    expect(header(sent[0], 'dlq-reason')).toBe('NO_HANDLER');
    expect(header(sent[0], 'dlq-original-offset')).toBe('7');
  });

  it('dead-letters a message on a topic without a contract', async () => {
    const { server, sent } = setup();
    await server.handleMessage(payload('intake.case.unknown.v1', validValue()));
    expect(header(sent[0], 'dlq-reason')).toBe('UNKNOWN_TOPIC');
  });

  it('retries a failing handler a bounded number of times, then dead-letters it with the error name only', async () => {
    const { server, sent } = setup();
    const handler = jest.fn(() => Promise.reject(Object.assign(new Error('E11000 dup key { name: "Maria" }'), { name: 'MongoServerError' })));
    server.addHandler(CaseOpenedV1.topic, handler, true);
    const message = payload(CaseOpenedV1.topic, validValue());
    await server.handleMessage(message);
    expect(handler).toHaveBeenCalledTimes(3);
    expect(message.heartbeat).toHaveBeenCalled();
    expect(header(sent[0], 'dlq-reason')).toBe('HANDLER_FAILED');
    expect(header(sent[0], 'dlq-attempts')).toBe('3');
    expect(header(sent[0], 'dlq-detail')).toContain('MongoServerError');
    expect(header(sent[0], 'dlq-detail')).not.toContain('Maria');
  });

  it('does not dead-letter a handler that succeeds on a retry', async () => {
    const { server, sent } = setup();
    const handler = jest.fn().mockRejectedValueOnce(new Error('transient')).mockResolvedValue(undefined);
    server.addHandler(CaseOpenedV1.topic, handler, true);
    await server.handleMessage(payload(CaseOpenedV1.topic, validValue()));
    expect(handler).toHaveBeenCalledTimes(2);
    expect(sent).toHaveLength(0);
  });

  it('fails the message (so its offset is not committed) when the dead letter cannot be written', async () => {
    const { server } = setup({ failSend: true });
    await expect(server.handleMessage(payload(CaseOpenedV1.topic, '{oops'))).rejects.toThrow('broker down');
  });

  it('calls onFatal and reports not alive when the consumer crashes for good, but not when kafkajs restarts it', () => {
    const { server, listeners, onFatal } = setup();
    server.registerConsumerEventListeners();
    const crash = listeners.get('crash')!;
    crash({ payload: { error: new Error('retriable'), restart: true, groupId: 'g' } });
    expect(onFatal).not.toHaveBeenCalled();
    expect(server.alive).toBe(true);
    crash({ payload: { error: new Error('fatal'), restart: false, groupId: 'g' } });
    expect(onFatal).toHaveBeenCalledTimes(1);
    expect(server.alive).toBe(false);
  });
});
