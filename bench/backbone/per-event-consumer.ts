import { Controller, Module } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { CaseOpenedV1, CaseRoutingUpdatedV1, type EnvelopeOf } from '@app/contracts';
import { applyOnce } from '@app/persistence';
import { OnEvent } from '@app/messaging';
import { type RegionProjection } from './batch-consumer';

type CaseEvent = EnvelopeOf<typeof CaseOpenedV1> | EnvelopeOf<typeof CaseRoutingUpdatedV1>;

const perEvent = { count: 0, first: 0, last: 0, target: 0, onTarget: (): void => undefined };
// Nest builds the controller itself, so the model it writes to is handed over here before the app starts.
const target: { projection?: RegionProjection } = {};

/** The same projection with one applyOnce per event (@OnEvent), as services that have not moved to @OnEventBatch do. */
@Controller()
class PerEventConsumer {
  @OnEvent(CaseOpenedV1)
  async opened(@Payload() event: EnvelopeOf<typeof CaseOpenedV1>): Promise<void> {
    await this.apply(CaseOpenedV1.topic, event);
  }

  @OnEvent(CaseRoutingUpdatedV1)
  async updated(@Payload() event: EnvelopeOf<typeof CaseRoutingUpdatedV1>): Promise<void> {
    await this.apply(CaseRoutingUpdatedV1.topic, event);
  }

  private async apply(topic: string, { aggregateId, sequence, data }: CaseEvent): Promise<void> {
    if (!target.projection) throw new Error('usePerEventProjection was not called');
    await applyOnce(
      target.projection,
      { aggregateId, sequence, topic },
      { state: { regionCode: data.routing.regionCode } },
    );
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
