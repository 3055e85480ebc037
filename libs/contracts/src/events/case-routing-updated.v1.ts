import { caseId } from '../vocabulary/case-id';
import { z } from 'zod';
import { defineEvent } from '../event-contract';
import { entityId } from '../envelope';
import { routing } from '../vocabulary/routing';

export const CaseRoutingUpdatedV1 = defineEvent({
  type: 'intake.case.routing-updated',
  version: 1,
  aggregate: 'case',
  description:
    "The case's routing metadata changed. Carries the full routing state, so a consumer that missed an earlier " +
    'update needs only the latest.',
  data: z.strictObject({ caseId, ownerOrgId: entityId, routing }),
});
