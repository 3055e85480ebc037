import { kafkaSaslEnv, loadConfig } from '@app/config';
import { z } from 'zod';
import { jsonLogger } from '@app/observability';
import { createKafka } from './kafka-factory';
import { kafkaSaslOf } from './kafka-sasl';
import { applyServiceAcls } from './service-acls';

/**
 * Usage: KAFKA_BROKERS=… KAFKA_SASL_USERNAME=admin KAFKA_SASL_PASSWORD=… node dist/libs/messaging/src/kafka/acl-cli.js
 * Gives each service's principal its ACLs (service-acls.ts) on the broker,
 * as a principal allowed to alter them; deploy/local/stack.sh runs it on
 * every start. Prints how many ACLs it made sure of, never a credential.
 */
async function main(): Promise<void> {
  const env = loadConfig({ KAFKA_BROKERS: z.string().min(1), ...kafkaSaslEnv });
  const kafka = createKafka(
    'kafka-acls',
    env.KAFKA_BROKERS.split(','),
    jsonLogger('kafka-acls', 'warn'),
    kafkaSaslOf(env),
  );
  const admin = kafka.admin();
  await admin.connect();
  try {
    process.stdout.write(`${JSON.stringify({ acls: await applyServiceAcls(admin) })}\n`);
  } finally {
    await admin.disconnect();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`applying Kafka ACLs failed: ${error instanceof Error ? error.name : typeof error}\n`);
  process.exit(1);
});
