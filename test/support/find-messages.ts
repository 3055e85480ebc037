import { type KafkaMessage } from 'kafkajs';
import { createKafka } from '@app/messaging';
import { jsonLogger } from '@app/observability';
import { kafkaBrokers, kafkaSasl, waitFor } from '@app/testing';

const logger = jsonLogger('find-messages', 'error');

/**
 * Reads `topic` from the beginning, as a consumer group of its own, until it
 * has seen `count` messages keyed `key` (an aggregate id); returns them in
 * topic order.
 */
export async function findMessages(groupId: string, topic: string, key: string, count = 1): Promise<KafkaMessage[]> {
  const consumer = createKafka(groupId, kafkaBrokers(), logger, kafkaSasl()).consumer({ groupId });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    const found: KafkaMessage[] = [];
    await consumer.run({
      eachMessage: ({ message }) => {
        if (message.key?.toString() === key) found.push(message);
        return Promise.resolve();
      },
    });
    return await waitFor(
      `${count} ${topic} message(s) for ${key}`,
      () => (found.length >= count ? found : undefined),
      60_000,
      100,
    );
  } finally {
    await consumer.disconnect();
  }
}
