import { Controller, Module } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { type Model } from 'mongoose';
import { type EnvelopeOf } from '@app/contracts';
import { SampleMovedV1, SampleOpenedV1 } from '../../libs/messaging/test/sample-events';
import { applyOnceMany, type ProjectionDocument } from '@app/persistence';
import { OnEventBatch } from '@app/messaging';

export type RegionProjection = Model<ProjectionDocument & { regionCode: string }>;
// Both sample events carry the same state, so one envelope type covers them.
type CaseEvent = EnvelopeOf<typeof SampleOpenedV1>;

/** What the batch consumer has applied since the last reset: counts, times and write → applied latencies. */
export const applied = {
  count: 0,
  first: 0,
  last: 0,
  latencies: [] as number[],
  target: 0,
  onTarget: (): void => undefined,
};

// Nest builds the controller itself, so the model it writes to is handed over here before the app starts.
const target: { projection?: RegionProjection } = {};

export function useBatchProjection(projection: RegionProjection): void {
  target.projection = projection;
}

export function untilApplied(count: number): Promise<void> {
  return new Promise((resolve) => {
    applied.target = count;
    applied.onTarget = resolve;
    if (applied.count >= count) resolve();
  });
}

export function resetApplied(): void {
  Object.assign(applied, { count: 0, first: 0, last: 0, latencies: [], target: 0 });
}

@Controller()
class BatchConsumer {
  @OnEventBatch(SampleOpenedV1)
  async opened(@Payload() events: EnvelopeOf<typeof SampleOpenedV1>[]): Promise<void> {
    await this.apply(SampleOpenedV1.topic, events);
  }

  @OnEventBatch(SampleMovedV1)
  async updated(@Payload() events: EnvelopeOf<typeof SampleMovedV1>[]): Promise<void> {
    await this.apply(SampleMovedV1.topic, events);
  }

  /** The projection write of a consuming service: one conditional update per event, batched. */
  private async apply(topic: string, events: CaseEvent[]): Promise<void> {
    if (!target.projection) throw new Error('useBatchProjection was not called');
    await applyOnceMany(
      target.projection,
      events.map(({ aggregateId, sequence, data }) => ({
        position: { aggregateId, sequence, topic },
        effect: { state: { regionCode: data.regionCode } },
      })),
    );
    const now = Date.now();
    if (applied.count === 0) applied.first = now;
    applied.count += events.length;
    applied.last = now;
    for (const { occurredAt } of events) applied.latencies.push(now - Date.parse(occurredAt));
    if (applied.count >= applied.target) applied.onTarget();
  }
}

/** The consumer under measurement: an @OnEventBatch projection (applyOnceMany). */
@Module({ controllers: [BatchConsumer] })
export class BatchConsumerModule {}
