import {
  type KeyEnvelope,
  type Purpose,
  type SectionName,
  newReferralId,
  recipientKeyOf,
  rewrapForGrantee,
  sealReferralNote,
} from '@app/crypto';
import { type ReferralView, createReferral as postReferral } from '../api/referrals-api';
import { listSections } from '../api/sections-api';
import { verifiedCaseConsents } from '../consent/case-consents';
import { referralGrant } from '../consent/granted-organizations';
import { type CliContext } from '../context/cli-context';
import { signerLookup } from '../directory/signer-lookup';
import { CLI_ERROR_CODES, CliError } from '../errors/cli-error';
import { fetchSectionCopy } from '../sections/section-copy';

/** The purpose the owner reads its own sections under (it needs none; intake asks for one). */
const OWNER_PURPOSE: Purpose = 'case_coordination';

export interface CreateReferralInput {
  readonly caseId: string;
  readonly partnerOrgId: string;
  readonly purpose: Purpose;
  readonly sections: readonly SectionName[];
  readonly needCategory: string;
  readonly respondBy?: string;
  readonly note?: string;
}

export interface CreatedReferral {
  readonly referral: ReferralView;
  /** What was sealed to the partner, for the output: no key material. */
  readonly sealed: readonly { section: SectionName; keyVersion: number; consentId: string }[];
  readonly partnerKeyVersion: number;
}

/**
 * Refers sections of a case to a partner. Before anything is sent: the
 * case's consent receipts (verified, as for any sharing) must grant the
 * partner each section for the purpose, and the partner's key must be one
 * this CLI's key directory trusts. Then each section's data key at its
 * current key version is proven against the signed record and sealed to the
 * partner (intake holds those envelopes until the partner accepts), and the
 * note is sealed to the partner and bound to the new referral's id.
 */
export async function createReferral(context: CliContext, input: CreateReferralInput): Promise<CreatedReferral> {
  const { ring, current } = await context.keyRing();
  const api = context.intake();
  const directory = context.directory();
  const lookup = signerLookup(directory, ring);
  const { caseId, partnerOrgId, purpose, sections } = input;
  if (partnerOrgId === current.orgId)
    throw new CliError(CLI_ERROR_CODES.USAGE, '--partner: an organization cannot refer a case to itself');

  const consents = await verifiedCaseConsents(api, caseId, lookup);
  const grants = sections.map((section) => ({
    section,
    grant: referralGrant(consents, partnerOrgId, section, purpose, context.now()),
  }));
  const missing = grants.filter((g) => g.grant === undefined).map((g) => g.section);
  if (missing.length > 0)
    throw new CliError(
      CLI_ERROR_CODES.GRANT_MISSING,
      `no consent grant in force covers ${partnerOrgId} for ${purpose} on section(s) ${missing.join(', ')} of ` +
        `case ${caseId}: record the client's consent first (consent grant, action disclose)`,
    );

  const summaries = await listSections(api, caseId, OWNER_PURPOSE);
  for (const section of sections) {
    const summary = summaries.find((s) => s.section === section);
    if (!summary)
      throw new CliError(CLI_ERROR_CODES.NOT_FOUND, `case ${caseId} has no ${section} section yet: write it first`);
    if (summary.rotationRequired)
      throw new CliError(
        CLI_ERROR_CODES.SECTION_ROTATION_REQUIRED,
        `the ${section} section's key version is retired: write it again (section put) before referring it`,
      );
  }

  // The key directory as this CLI verified it, never the keys beside a directory entry.
  const partnerRecord = await directory.currentRecord(partnerOrgId);
  const partnerKey = recipientKeyOf(partnerRecord);
  const envelopes: KeyEnvelope[] = [];
  const sealed: { section: SectionName; keyVersion: number; consentId: string }[] = [];
  for (const { section, grant } of grants) {
    const consentId = (grant as { consentId: string }).consentId;
    const copy = await fetchSectionCopy(api, caseId, section, OWNER_PURPOSE);
    const authorSigningKey = await lookup(copy.record.authorOrgId, copy.record.authorKeyId);
    const envelope = await rewrapForGrantee({
      ...copy,
      authorSigningKey,
      myKeys: ring,
      grantee: { ...partnerKey, consentId },
    });
    envelopes.push(envelope);
    sealed.push({ section, keyVersion: envelope.keyVersion, consentId });
  }

  const referralId = newReferralId();
  const note =
    input.note === undefined
      ? undefined
      : sealReferralNote({
          referralId,
          senderOrgId: current.orgId,
          partnerOrgId,
          note: input.note,
          partner: partnerKey,
        });
  const referral = await postReferral(api, caseId, {
    referralId,
    partnerOrgId,
    purpose,
    sections,
    needCategory: input.needCategory,
    ...(input.respondBy === undefined ? {} : { respondBy: input.respondBy }),
    ...(note === undefined ? {} : { note }),
    envelopes,
  });
  if (referral.referralId !== referralId || referral.partnerOrgId !== partnerOrgId)
    throw new CliError(CLI_ERROR_CODES.UNEXPECTED_RESPONSE, 'intake answered with another referral than the one sent');
  return { referral, sealed, partnerKeyVersion: partnerRecord.keyVersion };
}
