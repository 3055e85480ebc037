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
});
