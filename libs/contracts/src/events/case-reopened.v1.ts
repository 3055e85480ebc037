import { caseId } from '../vocabulary/case-id';
import { z } from 'zod';
import { defineEvent } from '../event-contract';
import { entityId } from '../envelope';

export const CaseReopenedV1 = defineEvent({
  type: 'intake.case.reopened',
  version: 1,
  aggregate: 'case',
  producers: ['intake'],
  retentionDays: 14,
  description: 'The owner organization reopened a closed case.',
  data: z.strictObject({ caseId, ownerOrgId: entityId }),
});
