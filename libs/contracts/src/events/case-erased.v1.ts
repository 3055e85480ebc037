import { caseId } from '../vocabulary/case-id';
import { z } from 'zod';
import { defineEvent } from '../event-contract';
import { entityId } from '../envelope';

export const CaseErasedV1 = defineEvent({
  type: 'intake.case.erased',
  version: 1,
  aggregate: 'case',
  producers: ['intake'],
  retentionDays: 14,
  description:
    'The case was erased (ARCO cancellation): its sections and envelopes are deleted and only a tombstone is left. ' +
    'Every service purges what it holds about the case and answers with its own case.purged.',
  data: z.strictObject({
    caseId,
    ownerOrgId: entityId,
    legalBasis: z.enum(['arco_cancellation', 'retention_expired', 'court_order']),
    erasedAt: z.iso.datetime({ offset: false }),
  }),
});
