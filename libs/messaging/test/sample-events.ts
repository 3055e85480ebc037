import { z } from 'zod';
import { defineEvent, entityId } from '@app/contracts';

/**
 * Events of the backbone's own tests and bench, not of any service: the
 * backbone is tested with an aggregate whose state changes on a second
 * topic (so one event can overtake another), which no production event
 * does any more now that routing stays in intake. Their consumers declare
 * them with @OnEvent, so they never join EVENT_CONTRACTS.
 */
// Shaped like a region code, not one of the vocabulary: the tests move a sample
// through made-up regions (MX-BA, MX-BB, …).
const region = z.string().regex(/^(MX|US)-[A-Z]{2,3}$/);
const state = { sampleId: entityId, ownerOrgId: entityId, regionCode: region };

export const SampleOpenedV1 = defineEvent({
  type: 'backbone.sample.opened',
  version: 1,
  aggregate: 'sample',
  producers: ['intake'],
  description: 'Test only: a sample aggregate was created, with its first region.',
  retentionDays: 1,
  data: z.strictObject(state),
});

export const SampleMovedV1 = defineEvent({
  type: 'backbone.sample.moved',
  version: 1,
  aggregate: 'sample',
  producers: ['intake'],
  description: "Test only: the sample's region changed; carries the full state.",
  retentionDays: 1,
  data: z.strictObject(state),
});
