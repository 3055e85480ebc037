import { type Kafka } from 'kafkajs';
import { percentile } from '../shared/stats';

export interface LoopResult {
  eventsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}

/**
 * The baseline: the same number of messages of the same size, produced in
 * batches with acks=all and consumed by a plain kafkajs consumer, with the
 * same partition concurrency as the services use.
 */
export async function bareKafkaLoop(kafka: Kafka, topic: string, count: number, payload: string): Promise<LoopResult> {
  const producer = kafka.producer({ idempotent: true });
  const consumer = kafka.consumer({ groupId: `baseline-${Date.now()}` });
  await Promise.all([producer.connect(), consumer.connect()]);
  await consumer.subscribe({ topic, fromBeginning: true });
  const latencies: number[] = [];
  const done = new Promise<number>((resolve) => {
    void consumer.run({
      partitionsConsumedConcurrently: 3,
      eachMessage: ({ message }) => {
        latencies.push(Date.now() - Number(message.headers?.sentAt?.toString()));
        if (latencies.length === count) resolve(Date.now());
        return Promise.resolve();
      },
    });
  });
  await new Promise((r) => setTimeout(r, 1_000)); // let the group settle before the clock starts
  const firstSent = Date.now();
  for (let i = 0; i < count; i += 500) {
    const sentAt = String(Date.now());
    await producer.sendBatch({
      acks: -1,
      topicMessages: [
        {
          topic,
          messages: Array.from({ length: Math.min(500, count - i) }, (_, j) => ({
            key: `agg-${(i + j) % 4000}`,
            value: payload,
            headers: { sentAt },
          })),
        },
      ],
    });
  }
  const finished = await done;
  await Promise.all([consumer.disconnect(), producer.disconnect()]);
  latencies.sort((a, b) => a - b);
  return {
    eventsPerSecond: count / ((finished - firstSent) / 1000),
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
  };
}
