import { type EachBatchPayload, type EachMessagePayload, type KafkaMessage, type ProducerRecord } from 'kafkajs';
import { CaseOpenedV2, deadLetterTopic, uuidv7 } from '@app/contracts';
import { jsonLogger } from '@app/observability';
import { BATCH_HANDLER, EVENT_CONTRACT } from './on-event.decorator';
import { ReliableKafkaServer } from './reliable-kafka-server';

const logger = jsonLogger('unit', 'error');

function validValue(aggregateId = 'case_0000000001'): string {
  return JSON.stringify({
    eventId: uuidv7(),
    type: CaseOpenedV2.type,
    version: CaseOpenedV2.version,
    aggregateId,
    sequence: 1,
    occurredAt: new Date().toISOString(),
    producer: 'intake',
    correlationId: 'corr-12345678',
    causationId: null,
    data: { caseId: aggregateId, ownerOrgId: 'org_a' },
  });
}

function setup(options: { failSend?: boolean } = {}) {
  const sent: ProducerRecord[] = [];
  const listeners = new Map<
    string,
    (event: { payload: { error: Error; restart: boolean; groupId: string } }) => void
  >();
  const onFatal = jest.fn();
  const server = new ReliableKafkaServer({
    kafka: { client: { brokers: ['127.0.0.1:1'] } },
    retry: { maxAttempts: 3, baseDelayMs: 1 },
    topics: { partitions: 1, replicationFactor: 1 },
    onFatal,
    logger,
  });
  const producer = {
    send: jest.fn((record: ProducerRecord) =>
      options.failSend ? Promise.reject(new Error('broker down')) : (sent.push(record), Promise.resolve([])),
    ),
  };
  const consumer = {
    events: { CONNECT: 'connect', DISCONNECT: 'disconnect', REBALANCING: 'rebalancing', STOP: 'stop', CRASH: 'crash' },
    on: (name: string, listener: never) => listeners.set(name, listener),
  };
  Object.assign(server, { producer, consumer });
  return { server, sent, listeners, onFatal };
}

function payload(topic: string, value: string): EachMessagePayload & { heartbeat: jest.Mock } {
  const message = {
    key: Buffer.from('case_0000000001'),
    value: Buffer.from(value),
    offset: '7',
    headers: {},
    timestamp: '0',
    attributes: 0,
    size: 0,
  } as unknown as KafkaMessage;
  return { topic, partition: 0, message, heartbeat: jest.fn(() => Promise.resolve()), pause: jest.fn() as never };
}

function batchPayload(topic: string, values: string[], options: { staleAfter?: number } = {}) {
  const messages = values.map(
    (value, i) =>
      ({
        key: Buffer.from('case_0000000001'),
        value: Buffer.from(value),
        offset: String(10 + i),
        headers: {},
        timestamp: '0',
        attributes: 0,
        size: 0,
      }) as unknown as KafkaMessage,
  );
  const resolved: string[] = [];
  let checks = 0;
  const payload = {
    batch: { topic, partition: 0, messages },
    resolveOffset: jest.fn((offset: string) => resolved.push(offset)),
    heartbeat: jest.fn(() => Promise.resolve()),
    commitOffsetsIfNecessary: jest.fn(() => Promise.resolve()),
    isRunning: () => true,
    isStale: () => (checks += 1) > (options.staleAfter ?? Infinity),
    pause: jest.fn(),
  } as unknown as EachBatchPayload;
  return { payload, resolved };
}

type Envelopes = { aggregateId: string }[];

const header = (record: ProducerRecord | undefined, name: string): string | undefined =>
  record?.messages[0]?.headers?.[name]?.toString();

describe('ReliableKafkaServer', () => {
  it('dead-letters a message that no handler matches instead of committing it silently', async () => {
    const { server, sent } = setup();
    await server.handleMessage(payload(CaseOpenedV2.topic, validValue()));
    expect(sent[0]?.topic).toBe(deadLetterTopic(CaseOpenedV2.topic));
    expect(header(sent[0], 'dlq-reason')).toBe('NO_HANDLER');
    expect(header(sent[0], 'dlq-original-offset')).toBe('7');
  });

  it('dead-letters a message whose handler declared no contract (a bare @EventPattern)', async () => {
    const { server, sent } = setup();
    const handler = jest.fn(() => Promise.resolve());
    server.addHandler('intake.case.unknown.v1', handler, true);
    await server.handleMessage(payload('intake.case.unknown.v1', validValue()));
    expect(header(sent[0], 'dlq-reason')).toBe('UNKNOWN_TOPIC');
    expect(handler).not.toHaveBeenCalled();
  });

  it('retries a failing handler a bounded number of times, then dead-letters it with the error name only', async () => {
    const { server, sent } = setup();
    const handler = jest.fn(() =>
      Promise.reject(Object.assign(new Error('E11000 dup key { name: "Maria" }'), { name: 'MongoServerError' })),
    );
    server.addHandler(CaseOpenedV2.topic, handler, true, { [EVENT_CONTRACT]: CaseOpenedV2 });
    const message = payload(CaseOpenedV2.topic, validValue());
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
    server.addHandler(CaseOpenedV2.topic, handler, true, { [EVENT_CONTRACT]: CaseOpenedV2 });
    await server.handleMessage(payload(CaseOpenedV2.topic, validValue()));
    expect(handler).toHaveBeenCalledTimes(2);
    expect(sent).toHaveLength(0);
  });

  it('fails the message (so its offset is not committed) when the dead letter cannot be written', async () => {
    const { server } = setup({ failSend: true });
    await expect(server.handleMessage(payload(CaseOpenedV2.topic, '{oops'))).rejects.toThrow('broker down');
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

  it(
    'hands a batch handler the valid events together, dead-letters the invalid ones, ' +
      'then resolves the last offset',
    async () => {
      const { server, sent } = setup();
      const handler = jest.fn((_events: Envelopes) => Promise.resolve());
      server.addHandler(CaseOpenedV2.topic, handler, true, { [EVENT_CONTRACT]: CaseOpenedV2, [BATCH_HANDLER]: true });
      const { payload, resolved } = batchPayload(CaseOpenedV2.topic, [
        validValue('case_0000000001'),
        '{oops',
        validValue('case_0000000002'),
      ]);
      await server.handleBatch(payload);
      expect(handler).toHaveBeenCalledTimes(1);
      expect(handler.mock.calls[0]![0].map((event) => event.aggregateId)).toEqual([
        'case_0000000001',
        'case_0000000002',
      ]);
      expect(header(sent[0], 'dlq-reason')).toBe('MALFORMED_JSON');
      expect(header(sent[0], 'dlq-original-offset')).toBe('11');
      expect(resolved).toEqual(['12']);
    },
  );

  it('retries a failing batch, then each event alone, and dead-letters only the event that fails alone', async () => {
    const { server, sent } = setup();
    const applied: string[] = [];
    const handler = jest.fn((events: Envelopes) => {
      if (events.some((event) => event.aggregateId === 'case_poison00000')) return Promise.reject(new Error('poison'));
      applied.push(...events.map((event) => event.aggregateId));
      return Promise.resolve();
    });
    server.addHandler(CaseOpenedV2.topic, handler, true, { [EVENT_CONTRACT]: CaseOpenedV2, [BATCH_HANDLER]: true });
    const { payload, resolved } = batchPayload(CaseOpenedV2.topic, [
      validValue('case_0000000001'),
      validValue('case_poison00000'),
      validValue('case_0000000002'),
    ]);
    await server.handleBatch(payload);
    expect(handler).toHaveBeenCalledTimes(3 + 1 + 3 + 1);
    expect(applied).toEqual(['case_0000000001', 'case_0000000002']);
    expect(sent).toHaveLength(1);
    expect(header(sent[0], 'dlq-reason')).toBe('HANDLER_FAILED');
    expect(header(sent[0], 'dlq-original-offset')).toBe('11');
    expect(resolved).toEqual(['12']);
  });

  it('resolves nothing of a batch whose dead letter cannot be written, so it is delivered again', async () => {
    const { server } = setup({ failSend: true });
    server.addHandler(
      CaseOpenedV2.topic,
      jest.fn(() => Promise.resolve()),
      true,
      { [EVENT_CONTRACT]: CaseOpenedV2, [BATCH_HANDLER]: true },
    );
    const { payload, resolved } = batchPayload(CaseOpenedV2.topic, [validValue(), '{oops']);
    await expect(server.handleBatch(payload)).rejects.toThrow('broker down');
    expect(resolved).toEqual([]);
  });

  it(
    'processes messages for a per-event handler one at a time, resolving each, ' +
      'and stops when the partition is taken away',
    async () => {
      const { server } = setup();
      const handler = jest.fn(() => Promise.resolve());
      server.addHandler(CaseOpenedV2.topic, handler, true, { [EVENT_CONTRACT]: CaseOpenedV2 });
      const { payload, resolved } = batchPayload(CaseOpenedV2.topic, [validValue(), validValue(), validValue()], {
        staleAfter: 2,
      });
      await server.handleBatch(payload);
      expect(handler).toHaveBeenCalledTimes(2);
      expect(resolved).toEqual(['10', '11']);
    },
  );
});
