import { type LoggerService } from '@nestjs/common';
import { ReliableKafkaServer } from '@app/messaging';

export interface BenchTopics {
  partitions: number;
  replicationFactor: number;
}

/** The transport a service's consumer runs on, with the services' partition concurrency and retries. */
export function consumerServer(
  brokers: string[],
  groupId: string,
  topics: BenchTopics,
  logger: LoggerService,
): ReliableKafkaServer {
  return new ReliableKafkaServer({
    kafka: {
      client: { clientId: groupId, brokers },
      consumer: { groupId },
      run: { partitionsConsumedConcurrently: 3 },
      postfixId: '',
    },
    retry: { maxAttempts: 5, baseDelayMs: 200 },
    topics,
    onFatal: (error) => {
      throw error;
    },
    logger,
  });
}
