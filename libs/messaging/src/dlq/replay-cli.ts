import { loadConfig } from '@app/config';
import { z } from 'zod';
import { JsonLogger } from '@app/observability';
import { createKafka } from '../kafka/kafka-factory';
import { replayDeadLetters } from './replay';

/**
 * Usage: npm run dlq:replay -- <topic> [<topic>...]
 * Moves dead letters of each topic back to it; prints one JSON line per topic.
 */
async function main(): Promise<void> {
  const topics = process.argv.slice(2);
  if (topics.length === 0) throw new Error('usage: dlq:replay <topic> [<topic>...]');
  const env = loadConfig({ KAFKA_BROKERS: z.string().min(1) });
  const logger = new JsonLogger('dlq-replay', 'warn');
  const kafka = createKafka('dlq-replay', env.KAFKA_BROKERS.split(','), logger);
  for (const topic of topics) {
    const result = await replayDeadLetters(kafka, topic);
    process.stdout.write(`${JSON.stringify(result)}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`dlq replay failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
