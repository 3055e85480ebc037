import { type KeyEnvelope, type Purpose, type SectionName, type SectionRecord, isSectionName } from '@app/crypto';
import { CLI_ERROR_CODES, CliError } from '../errors/cli-error';
import { type IntakeClient } from '../http/intake-client';
import { asArray, asInteger, asObject, asString } from './response';

// Encrypted sections and envelopes (docs/consent-api.md, "Encrypted sections and envelopes").

export interface SectionSummary {
  readonly section: SectionName;
  readonly contentVersion: number;
  readonly keyVersion: number;
  /** Owner only: organizations holding an envelope at the current key version. */
  readonly recipients?: readonly string[];
  /** Owner only: a withdrawal or expiry retired the key version; the next write must rotate. */
  readonly rotationRequired?: boolean;
}

export async function listSections(api: IntakeClient, caseId: string, purpose: Purpose): Promise<SectionSummary[]> {
  const body = asArray(await api.get(['cases', caseId, 'sections'], { purpose }), 'sections');
  return body.map((item, i) => {
    const o = asObject(item, `sections[${i}]`);
    const section = asString(o.section, `sections[${i}].section`);
    if (!isSectionName(section))
      throw new CliError(
        CLI_ERROR_CODES.UNEXPECTED_RESPONSE,
        `intake response sections[${i}].section: not a catalog section`,
      );
    return {
      section,
      contentVersion: asInteger(o.contentVersion, `sections[${i}].contentVersion`),
      keyVersion: asInteger(o.keyVersion, `sections[${i}].keyVersion`),
      ...(o.recipients === undefined
        ? {}
        : {
            recipients: asArray(o.recipients, `sections[${i}].recipients`).map((r, j) =>
              asString(r, `sections[${i}].recipients[${j}]`),
            ),
          }),
      ...(o.rotationRequired === true ? { rotationRequired: true } : {}),
    };
  });
}

/** `{record, envelope}`: the section and the caller's own envelope, both still to be verified by the SDK. */
export async function getSection(
  api: IntakeClient,
  caseId: string,
  section: SectionName,
  purpose: Purpose,
): Promise<{ record: unknown; envelope: unknown }> {
  const body = asObject(await api.get(['cases', caseId, 'sections', section], { purpose }), 'section');
  return { record: body.record, envelope: body.envelope };
}

/** A content update sends no envelopes (intake keeps them); a first write or a rotation sends all of them. */
export function putSection(
  api: IntakeClient,
  record: SectionRecord,
  envelopes?: readonly KeyEnvelope[],
): Promise<unknown> {
  return api.put(
    ['cases', record.caseId, 'sections', record.section],
    envelopes === undefined ? { record } : { record, envelopes },
  );
}

export function addEnvelopes(
  api: IntakeClient,
  caseId: string,
  section: SectionName,
  envelopes: readonly KeyEnvelope[],
): Promise<unknown> {
  return api.post(['cases', caseId, 'sections', section, 'envelopes'], { envelopes });
}
