import { Kafka, logLevel } from 'kafkajs';
import { uuidv7 } from '@app/contracts';
import { jsonLogger } from '@app/observability';
import { kafkaBrokers } from '@app/testing';
import { createKafka } from './kafka-factory';
import { ensureTopics } from './ensure-topics';

const logger = jsonLogger('ensure-topics-test', 'error');

describe('ensureTopics (real Kafka)', () => {
  // Four services start together and each ensures the same contract topics.
  // Whichever call returns, the topics must be usable at once: a client that
  // does not retry must find a leader for every partition.
  it('leaves every topic with a leader for each of several concurrent callers', async () => {
    const run = uuidv7().slice(-12);
    const topics = Array.from({ length: 12 }, (_, index) => `ensure-test.${run}.t${index}.v1`);
    const impatient = new Kafka({
      clientId: `impatient-${run}`,
      brokers: kafkaBrokers(),
      logLevel: logLevel.NOTHING,
      retry: { retries: 0 },
    });

    const callers = Array.from({ length: 4 }, async (_, index) => {
      await ensureTopics(createKafka(`ensure-${run}-${index}`, kafkaBrokers(), logger), topics, {
        partitions: 3,
        replicationFactor: 1,
      });
      const admin = impatient.admin();
      await admin.connect();
      try {
        return (await admin.fetchTopicMetadata({ topics })).topics;
      } finally {
        await admin.disconnect();
      }
    });

    for (const metadata of await Promise.all(callers)) {
      expect(metadata.map((topic) => topic.name).sort()).toEqual([...topics].sort());
      for (const topic of metadata) {
        expect(topic.partitions).toHaveLength(3);
        expect(topic.partitions.every((partition) => partition.leader >= 0)).toBe(true);
      }
    }
  }, 60_000);
});
