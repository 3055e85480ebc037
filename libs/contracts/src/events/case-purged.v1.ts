import { caseId } from '../vocabulary/case-id';
import { z } from 'zod';
import { defineEvent } from '../event-contract';

export const CasePurgedV1 = defineEvent({
  type: 'erasure.case.purged',
  version: 1,
  aggregate: 'case',
  producers: ['legal-status', 'shelter-capacity', 'notifications'],
  retentionDays: 14,
  description:
    "A service confirms it purged everything it held about an erased case. The event's producer is the confirming " +
    'service; intake records each confirmation.',
  data: z.strictObject({
    caseId,
    service: z.string().regex(/^[a-z][a-z-]{1,40}$/),
    purgedAt: z.iso.datetime({ offset: false }),
  }),
});
