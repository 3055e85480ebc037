import { type Model } from 'mongoose';
import { SampleMovedV1, SampleOpenedV1 } from '../../libs/messaging/test/sample-events';
import { type OutboxEntry } from '@app/persistence';
import { buildEvent } from '@app/messaging';

/** The events the bench sends: the backbone's test aggregate, an id and a region per event. */
export const AGGREGATES = 4_000;
export const EVENTS_PER_AGGREGATE = 5;
export const TOTAL = AGGREGATES * EVENTS_PER_AGGREGATE;

export interface CaseDoc {
  _id: string;
  outbox: OutboxEntry[];
}

const origin = { producer: 'intake', correlationId: 'bench-correlation' };

export function caseOpened(id: string, regionCode: string): OutboxEntry {
  return buildEvent(SampleOpenedV1, id, 1, { sampleId: id, ownerOrgId: 'org_bench', regionCode: regionCode }, origin);
}

function routingUpdated(id: string, sequence: number): OutboxEntry {
  const regionCode = `MX-B${String.fromCharCode(64 + sequence)}`;
  const data = { sampleId: id, ownerOrgId: 'org_bench', regionCode: regionCode };
  return buildEvent(SampleMovedV1, id, sequence, data, origin);
}

/** A message of the backbone's size, for the bare kafkajs baseline. */
export function sampleValue(): string {
  return caseOpened('case_sample0000', 'MX-CHP').value;
}

/** AGGREGATES cases, each with EVENTS_PER_AGGREGATE pending events, inserted 500 at a time. */
export async function fillOutboxes(cases: Model<CaseDoc>, prefix: string): Promise<void> {
  for (let start = 0; start < AGGREGATES; start += 500) {
    const docs = Array.from({ length: Math.min(500, AGGREGATES - start) }, (_, i) => {
      const id = `case_${prefix}_${String(start + i).padStart(6, '0')}`;
      const outbox = [caseOpened(id, 'MX-CHP')];
      for (let s = 2; s <= EVENTS_PER_AGGREGATE; s += 1) outbox.push(routingUpdated(id, s));
      return { _id: id, outbox };
    });
    await cases.insertMany(docs);
  }
}
