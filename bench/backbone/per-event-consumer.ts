import { Controller, Module } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { type EnvelopeOf } from '@app/contracts';
import { SampleMovedV1, SampleOpenedV1 } from '../../libs/messaging/test/sample-events';
import { applyOnce } from '@app/persistence';
import { OnEvent } from '@app/messaging';
import { type RegionProjection } from './batch-consumer';

// Both sample events carry the same state, so one envelope type covers them.
type CaseEvent = EnvelopeOf<typeof SampleOpenedV1>;

const perEvent = { count: 0, first: 0, last: 0, target: 0, onTarget: (): void => undefined };
// Nest builds the controller itself, so the model it writes to is handed over here before the app starts.
const target: { projection?: RegionProjection } = {};

/** The same projection with one applyOnce per event (@OnEvent), as services that have not moved to @OnEventBatch do. */
@Controller()
class PerEventConsumer {
  @OnEvent(SampleOpenedV1)
  async opened(@Payload() event: EnvelopeOf<typeof SampleOpenedV1>): Promise<void> {
    await this.apply(SampleOpenedV1.topic, event);
  }

  @OnEvent(SampleMovedV1)
  async updated(@Payload() event: EnvelopeOf<typeof SampleMovedV1>): Promise<void> {
    await this.apply(SampleMovedV1.topic, event);
  }

  private async apply(topic: string, { aggregateId, sequence, data }: CaseEvent): Promise<void> {
    if (!target.projection) throw new Error('usePerEventProjection was not called');
    await applyOnce(target.projection, { aggregateId, sequence, topic }, { state: { regionCode: data.regionCode } });
    const now = Date.now();
    if (perEvent.count === 0) perEvent.first = now;
    perEvent.count += 1;
    perEvent.last = now;
    if (perEvent.count === perEvent.target) perEvent.onTarget();
  }
}

@Module({ controllers: [PerEventConsumer] })
export class PerEventConsumerModule {}

export function usePerEventProjection(projection: RegionProjection): void {
  target.projection = projection;
}

/** Resolves with the per-event consumer's rate once it has applied `count` events. */
export function perEventRateAfter(count: number): Promise<number> {
  return new Promise((resolve) => {
    perEvent.target = count;
    perEvent.onTarget = () => resolve(count / ((perEvent.last - perEvent.first) / 1000));
  });
}
