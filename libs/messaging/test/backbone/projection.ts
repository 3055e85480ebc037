import { Controller, Module } from '@nestjs/common';
import { Ctx, type KafkaContext, Payload } from '@nestjs/microservices';
import { type Model } from 'mongoose';
import { type EnvelopeOf } from '@app/contracts';
import { SampleMovedV1, SampleOpenedV1 } from '../sample-events';
import { applyOnce, type OutboxEntry } from '@app/persistence';
import { OnEvent } from '../../src/consumer/on-event.decorator';

// The projection backbone.int-spec.ts runs through the real broker and
// database, with what it records about each delivery.

export interface CaseDoc {
  _id: string;
  version: number;
  regionCode: string;
  outbox: OutboxEntry[];
}
export interface SeenDoc {
  _id: string;
  lastSequence: number;
  received: Record<string, number>;
  sequences: number[];
  regionCode: string;
}

export const failingAggregates = new Set<string>();
// Nest builds the controller itself, so the test hands it the model it writes to.
const target: { seen?: Model<SeenDoc> } = {};

export function useSeen(model: Model<SeenDoc>): void {
  target.seen = model;
}

/** One handler call, in the order the consumer made them: where the message sat and what became of it. */
export interface Delivery {
  aggregateId: string;
  partition: number;
  offset: bigint;
  outcome: 'failed' | 'applied';
}
export const deliveries: Delivery[] = [];

export function deliveriesOf(aggregateId: string): Delivery[] {
  return deliveries.filter((d) => d.aggregateId === aggregateId);
}

@Controller()
class ProjectionController {
  @OnEvent(SampleOpenedV1)
  async opened(@Payload() event: EnvelopeOf<typeof SampleOpenedV1>, @Ctx() kafka: KafkaContext): Promise<void> {
    await this.apply(SampleOpenedV1.topic, event.aggregateId, event.sequence, event.data.regionCode, kafka);
  }

  @OnEvent(SampleMovedV1)
  async updated(@Payload() event: EnvelopeOf<typeof SampleMovedV1>, @Ctx() kafka: KafkaContext): Promise<void> {
    await this.apply(SampleMovedV1.topic, event.aggregateId, event.sequence, event.data.regionCode, kafka);
  }

  private async apply(
    topic: string,
    aggregateId: string,
    sequence: number,
    regionCode: string,
    kafka: KafkaContext,
  ): Promise<void> {
    const position = { aggregateId, partition: kafka.getPartition(), offset: BigInt(kafka.getMessage().offset) };
    if (failingAggregates.has(aggregateId)) {
      deliveries.push({ ...position, outcome: 'failed' });
      throw new Error('simulated handler failure');
    }
    if (!target.seen) throw new Error('useSeen was not called');
    await applyOnce(
      target.seen,
      { aggregateId, sequence, topic },
      { state: { regionCode }, onReceipt: { $push: { sequences: sequence } } },
    );
    deliveries.push({ ...position, outcome: 'applied' });
  }
}

@Module({ controllers: [ProjectionController] })
export class ProjectionModule {}

export const PARTITIONS = 3;
/** Any partition of the topic would do; naming one lets the test put messages behind each other. */
export const SHARED_PARTITION = 2;
