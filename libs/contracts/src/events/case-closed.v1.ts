import { caseId } from '../vocabulary/case-id';
import { caseClosingReason } from '../vocabulary/case-lifecycle';
import { z } from 'zod';
import { defineEvent } from '../event-contract';
import { entityId } from '../envelope';

export const CaseClosedV1 = defineEvent({
  type: 'intake.case.closed',
  version: 1,
  aggregate: 'case',
  producers: ['intake'],
  retentionDays: 14,
  description:
    'The owner organization closed the case, for a reason from a closed vocabulary. The case keeps its sections and ' +
    'consent; it can be reopened (intake.case.reopened).',
  data: z.strictObject({ caseId, ownerOrgId: entityId, reason: caseClosingReason }),
});
