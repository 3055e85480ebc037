import { caseId } from '../vocabulary/case-id';
import { z } from 'zod';
import { defineEvent } from '../event-contract';

/**
 * Every service that keeps its own copy of case data (each runs the case
 * directory), and so must confirm that it purged an erased case: the only
 * producers of a confirmation, and the services intake waits for.
 */
export const PURGING_SERVICES = ['legal-status', 'shelter-capacity', 'notifications'] as const;
export type PurgingService = (typeof PURGING_SERVICES)[number];

export const CasePurgedV1 = defineEvent({
  type: 'erasure.case.purged',
  version: 1,
  aggregate: 'case',
  producers: PURGING_SERVICES,
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
