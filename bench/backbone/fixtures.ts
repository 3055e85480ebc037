import { type Model } from 'mongoose';
import { CaseOpenedV1, CaseRoutingUpdatedV1, type Routing } from '@app/contracts';
import { type OutboxEntry } from '@app/persistence';
import { buildEvent } from '@app/messaging';

/** The events the bench sends: the shape and size of the backbone's case events. */
export const AGGREGATES = 4_000;
export const EVENTS_PER_AGGREGATE = 5;
export const TOTAL = AGGREGATES * EVENTS_PER_AGGREGATE;

export interface CaseDoc {
  _id: string;
  outbox: OutboxEntry[];
}

const origin = { producer: 'intake', correlationId: 'bench-correlation' };

const routing = (regionCode: string): Routing => ({
  country: 'MX',
  regionCode,
  needs: ['legal:asylum_mx', 'shelter:lgbtqi_safe'],
  urgency: 'urgent',
  languages: ['es', 'en'],
});

export function caseOpened(id: string, regionCode: string): OutboxEntry {
  return buildEvent(CaseOpenedV1, id, 1, { caseId: id, ownerOrgId: 'org_bench', routing: routing(regionCode) }, origin);
}

function routingUpdated(id: string, sequence: number): OutboxEntry {
  const regionCode = `MX-B${String.fromCharCode(64 + sequence)}`;
  const data = { caseId: id, ownerOrgId: 'org_bench', routing: routing(regionCode) };
  return buildEvent(CaseRoutingUpdatedV1, id, sequence, data, origin);
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
