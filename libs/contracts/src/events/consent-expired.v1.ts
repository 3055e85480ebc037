import { caseId } from '../vocabulary/case-id';
import { z } from 'zod';
import { defineEvent } from '../event-contract';
import { entityId } from '../envelope';
import { caseSection } from '../vocabulary/consent';

export const ConsentExpiredV1 = defineEvent({
  type: 'intake.consent.expired',
  version: 1,
  aggregate: 'case',
  producers: ['intake'],
  retentionDays: 14,
  description:
    'A grant reached the end of its validity. Reads were refused from that moment; this event follows the sweep ' +
    'that deleted its envelopes.',
  data: z.strictObject({
    caseId,
    consentId: entityId,
    granteeOrgId: entityId,
    sections: z.array(caseSection).min(1),
    expiredAt: z.iso.datetime({ offset: false }),
  }),
});
