import {
  type KeyEnvelope,
  type NextVersion,
  type Purpose,
  type SectionName,
  type SectionRecord,
  sealSection,
  writeNextVersion,
} from '@app/crypto';
import { listSections, putSection } from '../api/sections-api';
import { verifiedCaseConsents } from '../consent/case-consents';
import { type Grantee, grantedOrganizations } from '../consent/granted-organizations';
import { type CliContext } from '../context/cli-context';
import { signerLookup } from '../directory/signer-lookup';
import { IntakeError } from '../errors/cli-error';
import { checkedContent } from './checked-content';
import { recipientKeys } from './recipient-keys';
import { fetchSectionCopy } from './section-copy';
import { shareWithGrantees } from './share-with-grantees';

/** The purpose the owner reads its own sections under (it needs none; intake asks for one). */
const OWNER_PURPOSE: Purpose = 'case_coordination';
const KEY_VERSION_RETIRED = 'SECTION.KEY_VERSION_RETIRED';

export interface WriteSectionInput {
  readonly caseId: string;
  readonly section: SectionName;
  /** The section's content as JSON; refused (CLI.INVALID_CONTENT) unless its section's schema accepts it. */
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
 * data key; later writes go through the SDK's writeNextVersion, which reuses
 * the key (then envelopes are added for organizations granted since) or,
 * when the key version is retired after a withdrawal or expiry, rotates it
 * with envelopes only for organizations still granted, according to receipts
 * our organization signed. Whatever the case, the content is checked against
 * its section's schema first: nothing invalid is sealed.
 */
export async function writeSection(context: CliContext, input: WriteSectionInput): Promise<WriteSectionOutcome> {
  const plaintext = checkedContent(input.section, input.plaintext);
  try {
    return await sealChecked(context, { ...input, plaintext });
  } finally {
    plaintext.fill(0);
  }
}

async function sealChecked(context: CliContext, input: WriteSectionInput): Promise<WriteSectionOutcome> {
  const { ring, current: author } = await context.keyRing();
  const api = context.intake();
  const directory = context.directory();
  const lookup = signerLookup(directory, ring);
  const { caseId, section, plaintext } = input;

  const summary = (await listSections(api, caseId, OWNER_PURPOSE)).find((s) => s.section === section);
  const currentGrantees = async (): Promise<Grantee[]> =>
    grantedOrganizations(await verifiedCaseConsents(api, caseId, lookup), section, context.now(), input.purposes);
  let grantees = await currentGrantees();

  if (!summary) {
    const recipients = await recipientKeys(directory, grantees);
    const sealed = await sealSection({
      caseId,
      section,
      contentVersion: 1,
      keyVersion: 1,
      plaintext,
      author,
      recipients,
    });
    await putSection(api, sealed.record, sealed.envelopes);
    return outcome('created', sealed.record, holdersOf(sealed.envelopes), []);
  }

  const copy = await fetchSectionCopy(api, caseId, section, OWNER_PURPOSE);
  const authorSigningKey = await lookup(copy.record.authorOrgId, copy.record.authorKeyId);
  // The SDK decides update or rotation, and proves the data key before reusing it.
  const next = async (rotationRequired: boolean): Promise<NextVersion> =>
    writeNextVersion({
      ...copy,
      rotationRequired,
      myKeys: ring,
      author,
      authorSigningKey,
      recipients: rotationRequired && grantees.length > 0 ? await recipientKeys(directory, grantees) : [],
      plaintext,
    });

  if (!summary.rotationRequired) {
    const updated = await next(false);
    const written = await putSection(api, updated.record).then(
      () => true,
      (error: unknown) => {
        // A withdrawal landed since the summary was read: rotate instead.
        if (error instanceof IntakeError && error.code === KEY_VERSION_RETIRED) return false;
        throw error;
      },
    );
    if (written) {
      const added = await shareWithGrantees({
        api,
        directory,
        lookup,
        ring,
        caseId,
        summary,
        grantees,
        copy,
      });
      return outcome('updated', updated.record, [...(summary.recipients ?? []), ...added], added);
    }
    // The grants changed too: seal the new key only to whom the receipts grant it now.
    grantees = await currentGrantees();
  }
  const rotated = await next(true);
  await putSection(api, rotated.record, rotated.envelopes);
  return outcome('rotated', rotated.record, holdersOf(rotated.envelopes), []);
}

function holdersOf(envelopes: readonly KeyEnvelope[]): string[] {
  return envelopes.map((envelope) => envelope.recipientOrgId);
}

function outcome(
  action: WriteSectionOutcome['action'],
  record: SectionRecord,
  recipients: string[],
  envelopesAdded: string[],
): WriteSectionOutcome {
  return {
    action,
    caseId: record.caseId,
    section: record.section,
    contentVersion: record.contentVersion,
    keyVersion: record.keyVersion,
    recipients,
    envelopesAdded,
  };
}
