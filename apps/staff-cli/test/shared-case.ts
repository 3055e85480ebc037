// The set-up the sections-and-consent specs share: an owner (legal aid), a
// shelter and a clinic, all enrolled with a FakeIntake, and one open case.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type CliResult } from '../src/cli-types';
import { FakeIntake } from './fake-intake';
import { StaffSession } from './staff-session';

// Section files as `section put` takes them: content each section's schema
// accepts (docs/section-content), fields in the schema's order, so what a
// reader decrypts is the file byte for byte.
export const IDENTITY = JSON.stringify({
  schemaVersion: 1,
  legalName: { full: 'CANARY-Valeria-Ruiz' },
  pronouns: { terms: ['ella'] },
});
export const IDENTITY_V2 = JSON.stringify({
  schemaVersion: 1,
  legalName: { full: 'CANARY-Valeria-Ruiz' },
  chosenName: 'CANARY-Vale',
  genderIdentity: { terms: ['trans_woman'] },
});
export const HEALTH = JSON.stringify({
  schemaVersion: 1,
  hivCare: { status: 'living_with_hiv', onTreatment: true, notes: 'CANARY-on-treatment' },
});
export const HEALTH_V2 = JSON.stringify({
  schemaVersion: 1,
  hivCare: { status: 'living_with_hiv', onTreatment: true },
});
export const NEEDS = JSON.stringify({ schemaVersion: 1, needs: [{ category: 'shelter', urgency: 'urgent' }] });

export function grantsFile(grants: object[]): string {
  return JSON.stringify({
    clientRef: 'cref_clientv1xxxxxxxxxxxxxA',
    givenBy: 'self',
    collectionMethod: 'written',
    language: 'es',
    jurisdiction: 'MX',
    privacyNotice: { ref: 'aviso-integral', version: '2025.1' },
    grants,
  });
}

export const SHELTER_GRANT = {
  granteeOrgId: 'org-shelter',
  action: 'access',
  purposes: [{ purpose: 'shelter_placement', basis: 'necessary' }],
  sections: ['identity', 'needs'],
  expressConsent: false,
  validUntil: '2099-01-01T00:00:00.000Z',
  onwardSharing: false,
};
export const CLINIC_GRANT = {
  ...SHELTER_GRANT,
  granteeOrgId: 'org-clinic',
  purposes: [{ purpose: 'health_referral', basis: 'necessary' }],
  sections: ['health'],
  expressConsent: true,
};

export function errorCode(stderr: string): string {
  return (JSON.parse(stderr) as { error: string }).error;
}

/** Writes a file in the session's own directory and returns its path. */
export async function write(session: StaffSession, name: string, content: string): Promise<string> {
  const path = join(session.dir, name);
  await writeFile(path, content);
  return path;
}

/** The owner signs and stores a consent with these grants (extra: e.g. --consent <id>). */
export async function grantAs(
  owner: StaffSession,
  caseId: string,
  grants: object[],
  ...extra: string[]
): Promise<Record<string, unknown>> {
  const file = await write(owner, `grants-${Math.random()}.json`, grantsFile(grants));
  return owner.ok('consent', 'grant', '--case', caseId, '--file', file, ...extra);
}

/** The session writes a section of the case from content it saves in its directory as `fileName`. */
export async function putSection(
  session: StaffSession,
  caseId: string,
  section: string,
  fileName: string,
  content: string,
): Promise<Record<string, unknown>> {
  return session.ok(...(await putSectionArgs(session, caseId, section, fileName, content)));
}

/** putSection for a write that may be refused: the CLI's exit code and output, whatever they are. */
export async function runPutSection(
  session: StaffSession,
  caseId: string,
  section: string,
  fileName: string,
  content: string,
): Promise<CliResult> {
  return session.run(...(await putSectionArgs(session, caseId, section, fileName, content)));
}

async function putSectionArgs(
  session: StaffSession,
  caseId: string,
  section: string,
  fileName: string,
  content: string,
): Promise<string[]> {
  return ['section', 'put', '--case', caseId, '--section', section, '--file', await write(session, fileName, content)];
}

export interface SharedCase {
  readonly intake: FakeIntake;
  readonly owner: StaffSession;
  readonly shelter: StaffSession;
  readonly clinic: StaffSession;
  readonly caseId: string;
}

export async function openSharedCase(): Promise<SharedCase> {
  const intake = new FakeIntake();
  const owner = await (await StaffSession.create('org-legal-aid', intake)).enroll();
  const shelter = await (await StaffSession.create('org-shelter', intake)).enroll();
  const clinic = await (await StaffSession.create('org-clinic', intake)).enroll();
  const routing = await write(
    owner,
    'routing.json',
    JSON.stringify({
      country: 'MX',
      regionCode: 'MX-CHP',
      needCategories: ['shelter'],
      urgency: 'urgent',
      languages: ['es'],
    }),
  );
  const { caseId } = await owner.ok<{ caseId: string }>('case', 'open', '--routing', routing);
  return { intake, owner, shelter, clinic, caseId };
}
