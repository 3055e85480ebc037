import { type KeyEnvelope, type Purpose, type Recipient, type SectionName, type SectionRecord, rotateSection, sealSection, updateSection } from '@app/crypto';
import { listSections, putSection } from '../api/sections-api';
import { verifiedCaseConsents } from '../consent/case-consents';
import { grantedOrganizations } from '../consent/granted-organizations';
import { type CliContext } from '../context/cli-context';
import { type SignerLookup, signerLookup } from '../directory/signer-lookup';
import { IntakeError } from '../errors/cli-error';
import { recipientKeys } from './recipient-keys';
import { type SectionCopy, fetchSectionCopy, proveDataKey } from './section-copy';
import { shareWithGrantees } from './share-with-grantees';

/** The purpose the owner reads its own sections under (it needs none; intake asks for one). */
const OWNER_PURPOSE: Purpose = 'case_coordination';
const KEY_VERSION_RETIRED = 'SECTION.KEY_VERSION_RETIRED';

export interface WriteSectionInput {
  readonly caseId: string;
  readonly section: SectionName;
  readonly plaintext: Uint8Array;
  /** Only grantees whose grant serves one of these purposes get envelopes; all granted ones by default. */
  readonly purposes?: readonly Purpose[];
}

export type WriteSectionOutcome = {
  readonly action: 'created' | 'updated' | 'rotated';
  readonly caseId: string;
  readonly section: SectionName;
  readonly contentVersion: number;
  readonly keyVersion: number;
  /** Organizations that can open this version (envelopes at its key version), as far as this run knows. */
  readonly recipients: string[];
  /** Granted organizations that got an envelope for the current key in this run. */
  readonly envelopesAdded: string[];
};

/**
 * Writes a section the way its state requires: a first write seals a new
 * data key; later writes reuse it (updateSection), and add envelopes for
 * organizations granted since; a retired key version (after a withdrawal or
 * expiry) makes it rotate: new key version, envelopes only for organizations
 * still granted, according to receipts our organization signed.
 */
export async function writeSection(context: CliContext, input: WriteSectionInput): Promise<WriteSectionOutcome> {
  const { ring, current: author } = await context.keyRing();
  const api = context.intake();
  const directory = context.directory();
  const lookup = signerLookup(directory, ring);
  const { caseId, section, plaintext } = input;

  const summary = (await listSections(api, caseId, OWNER_PURPOSE)).find((s) => s.section === section);
  const consents = await verifiedCaseConsents(api, caseId, lookup);
  const grantees = grantedOrganizations(consents, section, context.now(), input.purposes);

  if (!summary) {
    const recipients = await recipientKeys(directory, grantees);
    const sealed = await sealSection({ caseId, section, contentVersion: 1, keyVersion: 1, plaintext, author, recipients });
    await putSection(api, sealed.record, sealed.envelopes);
    return outcome('created', sealed.record, holdersOf(sealed.envelopes), []);
  }

  const copy = await fetchSectionCopy(api, caseId, section, OWNER_PURPOSE);
  if (!summary.rotationRequired) {
    await proveDataKey(copy, ring, lookup);
    const record = await updateSection({ envelope: copy.envelope, myKeys: ring, author, contentVersion: copy.record.contentVersion + 1, plaintext });
    const written = await putSection(api, record).then(
      () => true,
      (error: unknown) => {
        if (error instanceof IntakeError && error.code === KEY_VERSION_RETIRED) return false;
        throw error;
      },
    );
    if (written) {
      const added = await shareWithGrantees({ api, directory, lookup, ring, caseId, summary, grantees, provenCopy: copy });
      return outcome('updated', record, [...(summary.recipients ?? []), ...added], added);
    }
  }
  return rotate(context, copy, input, grantees.length === 0 ? [] : await recipientKeys(directory, grantees), lookup);
}

async function rotate(
  context: CliContext,
  copy: SectionCopy,
  input: WriteSectionInput,
  recipients: readonly Recipient[],
  lookup: SignerLookup,
): Promise<WriteSectionOutcome> {
  const { ring, current: author } = await context.keyRing();
  const authorSigningKey = await lookup(copy.record.authorOrgId, copy.record.authorKeyId);
  const sealed = await rotateSection({
    record: copy.record,
    envelope: copy.envelope,
    myKeys: ring,
    authorSigningKey,
    author,
    recipients,
    contentVersion: copy.record.contentVersion + 1,
    plaintext: input.plaintext,
  });
  await putSection(context.intake(), sealed.record, sealed.envelopes);
  return outcome('rotated', sealed.record, holdersOf(sealed.envelopes), []);
}

function holdersOf(envelopes: readonly KeyEnvelope[]): string[] {
  return envelopes.map((envelope) => envelope.recipientOrgId);
}

function outcome(action: WriteSectionOutcome['action'], record: SectionRecord, recipients: string[], envelopesAdded: string[]): WriteSectionOutcome {
  return { action, caseId: record.caseId, section: record.section, contentVersion: record.contentVersion, keyVersion: record.keyVersion, recipients, envelopesAdded };
}
