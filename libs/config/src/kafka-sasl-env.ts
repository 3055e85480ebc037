import { z } from 'zod';

/**
 * How a client authenticates to the broker (SASL over the broker's
 * SASL_PLAINTEXT or SASL_SSL listener). Unset username: no SASL, for a broker
 * that accepts anonymous clients. The local broker (deploy/local/infra.sh)
 * requires it and generates one principal per service; docs/operations.md.
 */
export const kafkaSaslEnv = {
  /** `plain` only for a bootstrap admin whose password the broker holds in its configuration (docker-compose.yml). */
  KAFKA_SASL_MECHANISM: z.enum(['scram-sha-512', 'scram-sha-256', 'plain']).default('scram-sha-512'),
  KAFKA_SASL_USERNAME: z.string().min(1).optional(),
  /** Never logged; loadConfig's errors name the variable, not its value. */
  KAFKA_SASL_PASSWORD: z.string().min(1).optional(),
};

export type KafkaSaslEnv = z.infer<z.ZodObject<typeof kafkaSaslEnv>>;
