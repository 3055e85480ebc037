import { type OrgKeys, type SectionName, sealSection } from '@app/crypto';
import { type HttpCall, type Reply, type Sequence } from './http-load';

/**
 * What one case opening sends: the case with its routing metadata, then its
 * sections, encrypted and signed on the organization's side. A section record
 * is bound to its case id, which intake assigns when the case is opened, so
 * the sections of one pass are sealed (untimed) for the cases the previous
 * pass opened: each opening posts a new case and puts the sections of an
 * earlier one. Intake does the same work per opening either way.
 */
export const SECTIONS: readonly SectionName[] = ['identity', 'needs'];

/** A filled-in intake form section: 1,000 bytes, padded by the SDK to the 1 KiB bucket (as bench:crypto). */
const FORM_TEXT = JSON.stringify({ form: 'intake-v1', answers: 'x'.repeat(967) });

export const ROUTING_BODY = JSON.stringify({
  routing: { country: 'MX', regionCode: 'MX-CHP', needCategories: ['legal'], urgency: 'routine', languages: ['es'] },
});

/** A case intake already holds, with its sections' PUT bodies sealed for it. */
export interface SealedCase {
  caseId: string;
  bodies: { section: SectionName; body: string }[];
}

export async function sealCases(caseIds: readonly string[], author: OrgKeys): Promise<SealedCase[]> {
  if (FORM_TEXT.length !== 1000) throw new Error(`the form section must be 1,000 bytes, not ${FORM_TEXT.length}`);
  const sealed: SealedCase[] = [];
  for (const caseId of caseIds) {
    const bodies: SealedCase['bodies'] = [];
    for (const section of SECTIONS) {
      const { record, envelopes } = await sealSection({
        caseId,
        section,
        contentVersion: 1,
        keyVersion: 1,
        plaintext: FORM_TEXT,
        author,
        recipients: [],
      });
      bodies.push({ section, body: JSON.stringify({ record, envelopes }) });
    }
    sealed.push({ caseId, bodies });
  }
  return sealed;
}

/** One opening per sealed case: POST /cases, then a PUT per section; tokens taken in turn (one per staff member). */
export function openingsFor(pool: readonly SealedCase[], tokens: readonly string[]): Sequence[] {
  return pool.map((earlier, i) => {
    const token = tokens[i % tokens.length]!;
    const open: HttpCall = { method: 'POST', path: '/cases', token, body: ROUTING_BODY };
    const sections = earlier.bodies.map(({ section, body }): HttpCall => ({
      method: 'PUT',
      path: `/cases/${earlier.caseId}/sections/${section}`,
      token,
      body,
    }));
    return [open, ...sections];
  });
}

/** The ids of the cases a pass opened (its first replies), for the next pass's sections. */
export function openedCaseIds(replies: readonly Reply[][]): string[] {
  return replies.flatMap((sequence) => {
    const opened = sequence[0];
    if (!opened || opened.status !== 201) return [];
    return [(JSON.parse(opened.body) as { caseId: string }).caseId];
  });
}
