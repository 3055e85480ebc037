import { caseId } from '../vocabulary/case-id';
import { z } from 'zod';
import { defineEvent } from '../event-contract';
import { entityId } from '../envelope';

/**
 * v1 carried the case's routing, specific needs included, to every service;
 * none of them uses routing, and a topic cannot be erased, so v2 carries only
 * who owns the case (docs/privacy.md).
 */
export const CaseOpenedV2 = defineEvent({
  type: 'intake.case.opened',
  version: 2,
  aggregate: 'case',
  producers: ['intake'],
  description:
    'A case was opened by its owner organization. Carries the case id and its owner only: routing stays in intake ' +
    'and case content is end-to-end encrypted, so neither is ever in an event.',
  retentionDays: 14,
  data: z.strictObject({ caseId, ownerOrgId: entityId }),
});
