import { caseId } from '../vocabulary/case-id';
import { z } from 'zod';
import { defineEvent } from '../event-contract';
import { entityId } from '../envelope';
import { routing } from '../vocabulary/routing';

export const CaseOpenedV1 = defineEvent({
  type: 'intake.case.opened',
  version: 1,
  aggregate: 'case',
  description:
    'A case was opened by its owner organization. Carries routing metadata only; case content is end-to-end ' +
    'encrypted and never in events.',
  data: z.strictObject({ caseId, ownerOrgId: entityId, routing }),
});
