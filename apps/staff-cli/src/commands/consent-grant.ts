import { type JsonValue, signConsentRecord } from '@app/crypto';
import { optionalString, requiredString } from '../args/option-values';
import { listSections } from '../api/sections-api';
import { recordConsent } from '../api/consents-api';
import { buildConsentRecord } from '../consent/consent-file';
import { verifiedCaseConsents } from '../consent/case-consents';
import { grantedOrganizations } from '../consent/granted-organizations';
import { nextConsentVersion } from '../consent/next-consent-version';
import { type CliContext } from '../context/cli-context';
import { signerLookup } from '../directory/signer-lookup';
import { errorLine } from '../errors/format-error';
import { readJsonFile } from '../files/private-file';
import { shareWithGrantees } from '../sections/share-with-grantees';
import { type Command, json } from './command';

export const consentGrant: Command = {
  name: 'consent grant',
  summary:
    "Sign and store a consent record (new, or the next version of --consent), print the client's " +
    'receipt code, and share existing sections with newly granted organizations.',
  options: [
    { flags: '--case <caseId>', description: 'the case', required: true },
    { flags: '--file <path>', description: 'the grants as JSON (apps/staff-cli/README.md)', required: true },
    { flags: '--consent <consentId>', description: 'write the next version of this consent instead of a new one' },
  ],
  arguments: [],
  async run({ values }, context) {
    const caseId = requiredString(values, 'case');
    const file = await readJsonFile(requiredString(values, 'file'), 'grants file');
    const { ring, current } = await context.keyRing();
    const api = context.intake();
    const lookup = signerLookup(context.directory(), ring);

    const next = await nextConsentVersion(api, caseId, lookup, optionalString(values, 'consent'));
    const record = buildConsentRecord(file, {
      caseId,
      ...next,
      orgId: current.orgId,
      staffSub: context.staffSub(),
      now: context.now(),
    });
    const receipt = await signConsentRecord(record, current);
    const recorded = await recordConsent(api, caseId, receipt);
    const value = {
      caseId,
      consentId: recorded.consentId,
      version: recorded.version,
      // The organization's own record of which client this is: the server only ever sees the reference.
      clientRef: record.clientRef,
      // Shown once by intake: hand it to the client (printed or as a QR code).
      ...(recorded.receiptCode === undefined ? {} : { receiptCode: recorded.receiptCode }),
      grants: (recorded.grants ?? null) as JsonValue,
    };
    // The consent is stored by now, and its receipt code exists nowhere else:
    // a failure to share sections must not lose it, so it is reported beside it.
    try {
      return json({ ...value, envelopesAdded: await shareSections(context, caseId) });
    } catch (error) {
      const line = errorLine(error);
      return {
        kind: 'json',
        value: { ...value, envelopesAdded: [], shareError: { ...line } },
        failure: { code: line.error, message: `consent stored; sharing existing sections failed: ${line.message}` },
      };
    }
  },
};

/**
 * Existing sections sealed to organizations the consents now grant (sections
 * written later are sealed by section put).
 */
async function shareSections(context: CliContext, caseId: string): Promise<{ section: string; orgIds: string[] }[]> {
  const { ring } = await context.keyRing();
  const api = context.intake();
  const directory = context.directory();
  const lookup = signerLookup(directory, ring);
  const consents = await verifiedCaseConsents(api, caseId, lookup);
  const added: { section: string; orgIds: string[] }[] = [];
  for (const summary of await listSections(api, caseId, 'case_coordination')) {
    const grantees = grantedOrganizations(consents, summary.section, context.now());
    const orgIds = await shareWithGrantees({ api, directory, lookup, ring, caseId, summary, grantees });
    if (orgIds.length > 0) added.push({ section: summary.section, orgIds });
  }
  return added;
}
