import { Kafka, type KafkaConfig, logLevel, type LogEntry, type logCreator, type SASLOptions } from 'kafkajs';
import { type LoggerService } from '@nestjs/common';
import { projectLevelOf } from './kafka-log-level';

/** kafkajs log entries carry broker and group details, never message values. */
export function kafkaLogCreator(logger: LoggerService): logCreator {
  return () =>
    ({ namespace, level, log }: LogEntry) => {
      const { message, error, ...rest } = log;
      const entry = {
        msg: message,
        namespace,
        ...(error ? { kafkaError: String(error).slice(0, 200) } : {}),
        broker: asText(rest.broker),
        groupId: asText(rest.groupId),
      };
      const projectLevel = projectLevelOf(level, message, error);
      if (projectLevel === 'error') logger.error(entry, 'kafkajs');
      else if (projectLevel === 'warn') logger.warn(entry, 'kafkajs');
      else logger.debug?.(entry, 'kafkajs');
    };
}

function asText(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/**
 * Client settings shared by producers, admin clients and the services'
 * consumers. `sasl` is the principal the client authenticates as (see
 * kafkaSaslOf); without it the client connects anonymously.
 */
export function kafkaClientConfig(
  clientId: string,
  brokers: string[],
  logger: LoggerService,
  sasl?: SASLOptions,
): KafkaConfig {
  return {
    clientId,
    brokers,
    ...(sasl ? { sasl } : {}),
    logLevel: logLevel.WARN,
    logCreator: kafkaLogCreator(logger),
    // Keep retrying through a broker restart instead of giving up after ~30 s.
    retry: { initialRetryTime: 300, maxRetryTime: 5_000, retries: 12 },
  };
}

export function createKafka(clientId: string, brokers: string[], logger: LoggerService, sasl?: SASLOptions): Kafka {
  return new Kafka(kafkaClientConfig(clientId, brokers, logger, sasl));
}
