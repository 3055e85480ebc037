import 'reflect-metadata';
import { Controller, Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Payload } from '@nestjs/microservices';
import { type EachMessagePayload, type KafkaMessage, type ProducerRecord } from 'kafkajs';
import { CaseOpenedV2, type EnvelopeOf, uuidv7 } from '@app/contracts';
import { jsonLogger } from '@app/observability';
import { OnEvent } from './on-event.decorator';
import { ReliableKafkaServer } from './reliable-kafka-server';

@Controller()
class FailingConsumer {
  @OnEvent(CaseOpenedV2)
  opened(@Payload() event: EnvelopeOf<typeof CaseOpenedV2>): Promise<void> {
    const error = new Error(`E11000 dup key { name: "Maria" } ${event.aggregateId}`);
    return Promise.reject(Object.assign(error, { name: 'MongoServerError' }));
  }
}

@Module({ controllers: [FailingConsumer] })
class FailingModule {}

function message(): EachMessagePayload {
  const value = JSON.stringify({
    eventId: uuidv7(),
    type: CaseOpenedV2.type,
    version: CaseOpenedV2.version,
    aggregateId: 'case_0000000001',
    sequence: 1,
    occurredAt: new Date().toISOString(),
    producer: 'intake',
    correlationId: 'corr-12345678',
    causationId: null,
    data: {
      caseId: 'case_0000000001',
      ownerOrgId: 'org_a',
    },
  });
  const kafkaMessage = { key: Buffer.from('case_0000000001'), value: Buffer.from(value), offset: '7', headers: {} };
  return {
    topic: CaseOpenedV2.topic,
    partition: 0,
    message: kafkaMessage as unknown as KafkaMessage,
    heartbeat: () => Promise.resolve(),
    pause: () => () => undefined,
  };
}

describe('an @OnEvent handler that throws, in a Nest app', () => {
  it('reaches the dead letter with its error name, and Nest does not log it on its own', async () => {
    const logger = jsonLogger('unit', 'error');
    // Nest's RpcExceptionsHandler logs through a Logger instance of its own.
    const nestLog = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const server = new ReliableKafkaServer({
      kafka: { client: { brokers: ['127.0.0.1:1'] } },
      retry: { maxAttempts: 2, baseDelayMs: 1 },
      topics: { partitions: 1, replicationFactor: 1 },
      onFatal: () => undefined,
      logger,
    });
    const sent: ProducerRecord[] = [];
    const producer = {
      send: (record: ProducerRecord) => (sent.push(record), Promise.resolve([])),
      disconnect: () => Promise.resolve(),
    };
    Object.assign(server, { producer });
    const app = await NestFactory.createMicroservice(FailingModule, { strategy: server, logger: false });
    await app.init();
    try {
      await server.handleMessage(message());
      const detail = sent[0]?.messages[0]?.headers?.['dlq-detail']?.toString();
      expect(detail).toContain('MongoServerError');
      expect(detail).not.toContain('Maria');
      expect(nestLog).not.toHaveBeenCalled();
    } finally {
      nestLog.mockRestore();
      await app.close();
    }
  });
});
