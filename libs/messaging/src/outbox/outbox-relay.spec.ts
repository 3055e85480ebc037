import { type LoggerService } from '@nestjs/common';
import { type Producer, type ProducerBatch } from 'kafkajs';
import { type OutboxEntry, type OutboxStore, type PendingEvents } from '@app/persistence';
import { OutboxRelay, inChunks } from './outbox-relay';

const entry = (key: string, sequence: number, bytes: number): OutboxEntry => ({
  eventId: `${key}-${sequence}`,
  topic: 't',
  key,
  value: String(sequence).padEnd(bytes, '.'),
  createdAt: new Date(0),
});

function storeWith(pending: PendingEvents[]): OutboxStore & { removed: string[][] } {
  const removed: string[][] = [];
  return {
    name: 'cases',
    removed,
    findPending: () => Promise.resolve(pending),
    removePublished: (published) =>
      Promise.resolve(void removed.push(published.map((document) => document.documentId))),
  };
}

function producerRecording(failOnCall?: number): Producer & { sent: { key: string; value: string }[][] } {
  const sent: { key: string; value: string }[][] = [];
  const sendBatch = (batch: ProducerBatch): Promise<never[]> => {
    if (sent.length + 1 === failOnCall) return Promise.reject(new Error('broker gone'));
    sent.push(
      (batch.topicMessages ?? []).flatMap((topic) =>
        topic.messages.map((message) => ({ key: String(message.key), value: String(message.value) })),
      ),
    );
    return Promise.resolve([]);
  };
  return { sent, sendBatch } as unknown as Producer & { sent: { key: string; value: string }[][] };
}

const logger: LoggerService = { log: () => undefined, warn: () => undefined, error: () => undefined };

describe('OutboxRelay request size', () => {
  // After an outage: three aggregates with 40 events of ~1 KB each, 120 KB in all, against a 16 KB budget.
  const backlog = ['a', 'b', 'c'].map((key) => ({
    documentId: key,
    entries: Array.from({ length: 40 }, (_, i) => entry(key, i + 1, 1_000)),
  }));

  // Documents are removed once fully sent.
  it('sends a backlog in requests under the budget, each aggregate in order', async () => {
    const producer = producerRecording();
    const store = storeWith(backlog);
    const relay = new OutboxRelay([store], producer, logger, { maxRequestBytes: 16 * 1024 });

    expect(await relay.drainOnce()).toBe(120);
    expect(producer.sent.length).toBeGreaterThanOrEqual(8);
    for (const request of producer.sent)
      expect(request.reduce((sum, m) => sum + m.key.length + m.value.length + 1, 0)).toBeLessThanOrEqual(16 * 1024);
    for (const key of ['a', 'b', 'c']) {
      const order = producer.sent
        .flat()
        .filter((m) => m.key === key)
        .map((m) => parseInt(m.value, 10));
      expect(order).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    }
    expect(store.removed).toEqual([['a'], ['b'], ['c']]);
  });

  it('leaves what was not sent when a request fails, so the next round publishes it', async () => {
    const producer = producerRecording(4);
    const store = storeWith(backlog);
    const relay = new OutboxRelay([store], producer, logger, { maxRequestBytes: 16 * 1024 });

    await expect(relay.drainOnce()).rejects.toThrow('broker gone');
    expect(store.removed).toEqual([['a']]);
  });

  it('inChunks keeps order, fills up to the budget and lets an oversized item go alone', () => {
    expect(inChunks([3, 3, 3, 10, 1, 1], (n) => n, 6)).toEqual([[3, 3], [3], [10], [1, 1]]);
    expect(inChunks([], (n: number) => n, 6)).toEqual([]);
  });
});
