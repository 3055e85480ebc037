import { kafkaSaslEnv, loadConfig } from '@app/config';
import { z } from 'zod';
import { jsonLogger } from '@app/observability';
import { createKafka } from '../kafka/kafka-factory';
import { kafkaSaslOf } from '../kafka/kafka-sasl';
import { replayDeadLetters } from './replay';
import { parseReplayArgs } from './replay-args';

/**
 * Usage: npm run dlq:replay -- [--reason R[,R...]]... <topic> [<topic>...]
 * Moves dead letters of each topic back to it (by default those whose cause
 * can be fixed outside the message; see REPLAYED_BY_DEFAULT); prints one JSON
 * line per topic with what it replayed and what it left, by reason.
 */
async function main(): Promise<void> {
  const { topics, reasons } = parseReplayArgs(process.argv.slice(2));
  // An operator's tool: against the local broker, run it as the admin principal (docs/operations.md).
  const env = loadConfig({ KAFKA_BROKERS: z.string().min(1), ...kafkaSaslEnv });
  const logger = jsonLogger('dlq-replay', 'warn');
  const kafka = createKafka('dlq-replay', env.KAFKA_BROKERS.split(','), logger, kafkaSaslOf(env));
  for (const topic of topics) {
    const result = await replayDeadLetters(kafka, topic, reasons ? { reasons } : {});
    process.stdout.write(`${JSON.stringify(result)}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`dlq replay failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
