import { type AccessLogEntryV1Body, GENESIS_HASH, accessLogEntryHash } from '@app/crypto';
import { appendHandOut } from '../../test/fake-access-log';
import { type FakeCase } from '../../test/fake-case';
import { type FakeIntake } from '../../test/fake-intake';
import { errorCode, grantAs, IDENTITY, openSharedCase, SHELTER_GRANT, putSection } from '../../test/shared-case';
import { type StaffSession } from '../../test/staff-session';

describe('receipt verify and access-log verify', () => {
  let intake: FakeIntake;
  let owner: StaffSession;
  let shelter: StaffSession;
  let clinic: StaffSession;
  let caseId: string;
  const grant = (grants: object[], ...extra: string[]): Promise<Record<string, unknown>> =>
    grantAs(owner, caseId, grants, ...extra);

  beforeEach(async () => {
    ({ intake, owner, shelter, clinic, caseId } = await openSharedCase());
  });

  // access-log verify does the same for the owner.
  it('receipt verify checks every receipt and the access log', async () => {
    await putSection(owner, caseId, 'identity', 'identity.json', IDENTITY);
    const { receiptCode } = await grant([SHELTER_GRANT]);
    await shelter.ok('section', 'get', '--case', caseId, '--section', 'identity', '--purpose', 'shelter_placement');

    const verified = await clinic.ok<{
      receiptsValid: boolean;
      accessLog: { entries: number; verification: { valid: boolean }; newestHead: string };
    }>('receipt', 'verify', String(receiptCode));
    expect(verified).toMatchObject({ caseId, receiptsValid: true, accessLog: { verification: { valid: true } } });
    expect(verified.accessLog.entries).toBeGreaterThanOrEqual(2);
    const receiptFetch = intake.requests.find((r) => r.segments[0] === 'receipts');
    expect(receiptFetch?.caller).toBeUndefined();

    const log = await owner.ok<{ verification: { valid: boolean }; newestHead: string }>(
      'access-log',
      'verify',
      '--case',
      caseId,
      '--expect-head',
      verified.accessLog.newestHead,
    );
    expect(log.verification.valid).toBe(true);
  });

  it('receipt verify fails on a tampered receipt or a cut access log', async () => {
    await putSection(owner, caseId, 'identity', 'identity.json', IDENTITY);
    const { receiptCode, consentId } = await grant([SHELTER_GRANT]);
    await shelter.ok('section', 'get', '--case', caseId, '--section', 'identity', '--purpose', 'shelter_placement');
    const head = (await owner.ok<{ newestHead: string }>('access-log', 'verify', '--case', caseId)).newestHead;

    const stored = intake.cases.get(caseId)?.consents.get(String(consentId));
    const genuine = stored?.receipts[0];
    if (stored && genuine)
      stored.receipts[0] = {
        ...genuine,
        record: { ...genuine.record, grants: [{ ...genuine.record.grants[0]!, onwardSharing: true }] },
      };
    const tampered = await clinic.run('receipt', 'verify', String(receiptCode));
    expect(tampered.exitCode).toBe(1);
    expect(errorCode(tampered.stderr)).toBe('CLI.RECEIPT_INVALID');
    expect(JSON.parse(tampered.stdout)).toMatchObject({
      receiptsValid: false,
      receipts: [{ valid: false, code: 'CRYPTO.SIGNATURE_INVALID' }],
    });
    if (stored && genuine) stored.receipts[0] = genuine;

    intake.cases.get(caseId)?.log.pop();
    const cut = await owner.run('access-log', 'verify', '--case', caseId, '--expect-head', head);
    expect(cut.exitCode).toBe(1);
    expect(errorCode(cut.stderr)).toBe('CLI.ACCESS_LOG_BROKEN');
    expect(JSON.parse(cut.stdout)).toMatchObject({ verification: { valid: false, reason: 'HEAD_MISSING' } });
  });

  function caseIn(intake: FakeIntake, caseId: string): FakeCase {
    const found = intake.cases.get(caseId);
    if (!found) throw new Error(`no case ${caseId}`);
    return found;
  }

  /** `count` hand-outs to distinct staff members, appended as the fake's section reads append them. */
  async function handOuts(count: number): Promise<void> {
    const c = caseIn(intake, caseId);
    for (let i = 0; i < count; i++) {
      await appendHandOut(c, {
        actorSub: `CANARY-staff-${c.log.length}@shelter.example`,
        actorOrg: 'org-shelter',
        purpose: 'shelter_placement',
        section: 'identity',
        keyVersion: 1,
      });
    }
  }

  /** The `after` of every access-log page the CLI asked for, in the owner's query or the lookup's body. */
  function pagesAsked(): number[] {
    return intake.requests
      .filter((r) => r.segments[0] === 'receipts' || r.segments[2] === 'access-log')
      .map((r) => Number(r.segments[0] === 'receipts' ? (r.body as { after?: unknown }).after : r.query.get('after')));
  }

  it('pages through a log longer than a page, each page verified from the last entry of the one before', async () => {
    const { receiptCode } = await grant([SHELTER_GRANT]);
    await handOuts(1_100);
    intake.requests.length = 0;
    const log = await owner.ok<{ entries: number; verification: unknown; intakeVerification: unknown }>(
      'access-log',
      'verify',
      '--case',
      caseId,
    );
    expect(log).toMatchObject({
      entries: 1_100,
      verification: { valid: true, checked: 1_100 },
      intakeVerification: { valid: true, checked: 1_100 },
    });
    expect(pagesAsked()).toEqual([0, 500, 1_000]);

    intake.requests.length = 0;
    const verified = await clinic.ok<{ accessLog: { entries: number; newestHead: string } }>(
      'receipt',
      'verify',
      String(receiptCode),
    );
    expect(verified.accessLog).toMatchObject({ entries: 1_100, verification: { valid: true, checked: 1_100 } });
    expect(verified.accessLog.newestHead).toBe(`1100:${caseIn(intake, caseId).log.at(-1)?.hash}`);
    expect(pagesAsked()).toEqual([0, 500, 1_000]);
    const lookups = intake.requests.filter((r) => r.segments[0] === 'receipts');
    expect(lookups.every((r) => r.caller === undefined)).toBe(true);
  });

  it('reports a break in a later page at its seq in the whole log', async () => {
    await handOuts(700);
    const c = caseIn(intake, caseId);
    c.log[599] = { ...c.log[599]!, section: 'health' };
    const broken = await owner.run('access-log', 'verify', '--case', caseId);
    expect(broken.exitCode).toBe(1);
    expect(errorCode(broken.stderr)).toBe('CLI.ACCESS_LOG_BROKEN');
    // It stops at the page that breaks: 500 entries, then 200.
    expect(JSON.parse(broken.stdout)).toMatchObject({
      entries: 700,
      verification: { valid: false, checked: 599, brokenAtSeq: 600, reason: 'HASH_MISMATCH' },
      intakeVerification: { valid: false, checked: 599, brokenAtSeq: 600, reason: 'HASH_MISMATCH' },
      newestHead: null,
    });
  });

  it('finds cut newest entries against intake’s head record, without a head of its own', async () => {
    await handOuts(3);
    caseIn(intake, caseId).log.pop();
    const cut = await owner.run('access-log', 'verify', '--case', caseId);
    expect(errorCode(cut.stderr)).toBe('CLI.ACCESS_LOG_BROKEN');
    expect(JSON.parse(cut.stdout)).toMatchObject({
      verification: { valid: false, brokenAtSeq: 3, reason: 'HEAD_MISSING' },
    });
  });

  it('checks the subject behind each entry for the owner, while the receipt shows none', async () => {
    const { receiptCode } = await grant([SHELTER_GRANT]);
    await handOuts(3);
    const owners = await owner.ok<{ actorSubs: unknown }>('access-log', 'verify', '--case', caseId);
    expect(owners.actorSubs).toEqual({ verified: 3, unverified: 0 });

    const lookup = await intake.fetch(`${intake.baseUrl}receipts/lookup`, {
      method: 'POST',
      body: JSON.stringify({ receiptCode }),
    });
    const shown = JSON.stringify(await lookup.json());
    expect(shown).not.toContain('CANARY');
    expect(shown).toContain('"actorRole":"intake_worker"');

    // Another staff member's subject put in an entry's place.
    const c = caseIn(intake, caseId);
    c.log[1] = { ...c.log[1]!, actorSub: 'someone-else' };
    const swapped = await owner.run('access-log', 'verify', '--case', caseId);
    expect(JSON.parse(swapped.stdout)).toMatchObject({
      verification: { valid: false, brokenAtSeq: 2, reason: 'ACTOR_SUB_MISMATCH' },
    });
    // The receipt holder never sees the subject, so their view still verifies.
    expect(await clinic.ok('receipt', 'verify', String(receiptCode))).toMatchObject({
      accessLog: { verification: { valid: true, checked: 3 } },
    });
  });

  it('counts old-format entries withheld from the receipt holder, and verifies them whole for the owner', async () => {
    const { receiptCode } = await grant([SHELTER_GRANT]);
    const c = caseIn(intake, caseId);
    for (const seq of [1, 2]) {
      const body: AccessLogEntryV1Body = {
        seq,
        at: new Date(Date.UTC(2025, 0, 1, 12, 0, seq)).toISOString(),
        actorSub: `CANARY-legacy-${seq}`,
        actorOrg: 'org-shelter',
        purpose: 'shelter_placement',
        section: 'identity',
        keyVersion: 1,
        prevHash: c.log.at(-1)?.hash ?? GENESIS_HASH,
      };
      c.log.push({ ...body, hash: await accessLogEntryHash(body) });
    }
    await handOuts(2);
    expect(await owner.ok('access-log', 'verify', '--case', caseId)).toMatchObject({
      entries: 4,
      verification: { valid: true, checked: 4 },
      actorSubs: { verified: 2, unverified: 0 },
    });
    const verified = await clinic.ok<{ accessLog: { verification: Record<string, unknown> } }>(
      'receipt',
      'verify',
      String(receiptCode),
    );
    expect(verified.accessLog.verification).toEqual({ valid: true, checked: 4, withheld: 2 });
  });
});
