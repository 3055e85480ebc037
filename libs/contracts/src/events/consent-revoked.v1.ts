import { caseId } from '../vocabulary/case-id';
import { z } from 'zod';
import { defineEvent } from '../event-contract';
import { entityId } from '../envelope';
import { caseSection } from '../vocabulary/consent';

export const ConsentRevokedV1 = defineEvent({
  type: 'intake.consent.revoked',
  version: 1,
  aggregate: 'case',
  producers: ['intake'],
  retentionDays: 14,
  description:
    'The client withdrew a grant. Its envelopes are already deleted and the listed key versions retired; the ' +
    'grantee must purge every copy it holds of those sections.',
  data: z.strictObject({
    caseId,
    consentId: entityId,
    granteeOrgId: entityId,
    sections: z.array(caseSection).min(1),
    retiredKeyVersions: z.array(z.strictObject({ section: caseSection, keyVersion: z.number().int().positive() })),
    withdrawnAt: z.iso.datetime({ offset: false }),
  }),
});
