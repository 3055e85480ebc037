// The directory and referral commands through the built CLI, each in its own
// process, for cli.process.spec.ts: the owner refers a section granted to
// disclose, the partner opens the note, accepts, reads, completes; two more
// referrals are withdrawn and declined.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type ProcessResult } from './built-cli';

const PARTNER = 'org-us-probono';
const LEGAL = JSON.stringify({ schemaVersion: 1, narrative: 'CANARY-process-legal' });
const PROFILE = {
  displayName: 'Border Asylum Partners',
  services: ['legal_representation_us'],
  practiceScopes: ['removal_defense'],
  languages: ['en', 'es'],
  regionsServed: ['US-CA'],
  nationwide: [],
  acceptingReferrals: true,
  referralCapacity: 2,
};
const DISCLOSE = {
  granteeOrgId: PARTNER,
  action: 'disclose',
  purposes: [{ purpose: 'legal_representation', basis: 'necessary' }],
  sections: ['legal'],
  expressConsent: false,
  validUntil: '2099-01-01T00:00:00.000Z',
  onwardSharing: false,
};

type Run = (...argv: string[]) => Promise<ProcessResult>;

export interface ReferralProcessesInput {
  readonly owner: Run;
  readonly partner: Run;
  readonly dir: string;
  readonly routing: object;
  /** A consents file whose grants are replaced by one to disclose `legal` to the partner. */
  readonly consent: object;
}

/** Throws on the first command that fails or answers something unexpected; the caller counts successes. */
export async function runReferralProcesses(input: ReferralProcessesInput): Promise<void> {
  const owner = json(input.owner);
  const partner = json(input.partner);
  const file = async (name: string, content: string): Promise<string> => {
    const path = join(input.dir, name);
    await writeFile(path, content);
    return path;
  };
  expect(
    await partner('directory', 'publish', '--file', await file('profile.json', JSON.stringify(PROFILE))),
  ).toMatchObject({ openCapacity: 2 });
  expect(await owner('directory', 'show', PARTNER)).toMatchObject({ displayName: PROFILE.displayName });
  expect(await owner('directory', 'search', '--service', 'legal_representation_us', '--open')).toMatchObject({
    items: [{ orgId: PARTNER }],
  });

  const { caseId = '' } = await owner(
    'case',
    'open',
    '--routing',
    await file('routing-ref.json', JSON.stringify(input.routing)),
  );
  await owner('section', 'put', '--case', caseId, '--section', 'legal', '--file', await file('legal.json', LEGAL));
  const consent = await file('disclose.json', JSON.stringify({ ...input.consent, grants: [DISCLOSE] }));
  expect(await owner('consent', 'grant', '--case', caseId, '--file', consent)).toMatchObject({ envelopesAdded: [] });
  const refer = (...extra: string[]): Promise<Record<string, string>> =>
    owner(
      ...['referral', 'create', '--case', caseId, '--partner', PARTNER, '--purpose', 'legal_representation'],
      ...['--sections', 'legal', '--need', 'legal', ...extra],
    );
  const { referralId = '' } = await refer('--note-file', await file('note.txt', 'CANARY-process-note\n'));
  expect(await owner('referral', 'list', '--box', 'sent')).toMatchObject({ items: [{ referralId }] });
  expect(await owner('referral', 'show', '--referral', referralId)).toMatchObject({ status: 'requested' });

  // The note and the section key are opened with synchronous SDK calls: the SDK must be loaded.
  expect(await partner('referral', 'note', '--referral', referralId)).toMatchObject({ note: 'CANARY-process-note' });
  expect(await partner('referral', 'accept', '--referral', referralId)).toMatchObject({ status: 'accepted' });
  const read = ['section', 'get', '--case', caseId, '--section', 'legal', '--purpose', 'legal_representation'];
  expect((await input.partner(...read, '--stdout')).stdout).toBe(LEGAL);
  const complete = ['referral', 'complete', '--referral', referralId, '--outcome', 'services_provided'];
  expect(await partner(...complete)).toMatchObject({ status: 'completed' });

  const withdrawn = (await refer()).referralId ?? '';
  expect(await owner('referral', 'withdraw', '--referral', withdrawn)).toMatchObject({ status: 'withdrawn' });
  const declined = (await refer()).referralId ?? '';
  const decline = ['referral', 'decline', '--referral', declined, '--reason', 'outside_scope'];
  expect(await partner(...decline)).toMatchObject({ status: 'declined' });
}

function json(run: Run): (...argv: string[]) => Promise<Record<string, string>> {
  return async (...argv) => {
    const result = await run(...argv);
    if (result.exitCode !== 0)
      throw new Error(`${argv.slice(0, 2).join(' ')} exited ${result.exitCode}: ${result.stderr}`);
    return JSON.parse(result.stdout) as Record<string, string>;
  };
}
