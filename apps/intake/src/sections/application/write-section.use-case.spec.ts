import { type OrgKeys, generateOrgKeys, sealSection, signingKeyOf, toBase64Url, toPublicKeyRecord } from '@app/crypto';
import { type Principal } from '@app/auth';
import { type ProtectedCase, type ProtectedCaseRepository } from '../../cases/persistence/protected-case.repository';
import { type KeyDirectory } from '../../key-directory/key-directory.service';
import { WriteSection } from './write-section.use-case';

const CASE_ID = 'case_0000000000000001';
const KIB = 1024;

function emptyCase(): ProtectedCase {
  return { _id: CASE_ID, ownerOrgId: 'org_a', version: 1, grantsRevision: 0, grants: [], consents: [], sections: {} };
}

/** Intake's checks on a first write of the health section, with the owner's keys registered. */
function writeSection(owner: OrgKeys): { useCase: WriteSection; putSection: jest.Mock } {
  const putSection = jest.fn(() => Promise.resolve(true));
  const cases = { load: jest.fn(() => Promise.resolve(emptyCase())), putSection } as unknown as ProtectedCaseRepository;
  const directory = {
    currentSigningKey: jest.fn(() => Promise.resolve(signingKeyOf(owner))),
    currentRecords: jest.fn(() => Promise.resolve(new Map([[owner.orgId, toPublicKeyRecord(owner)]]))),
  } as unknown as KeyDirectory;
  return { useCase: new WriteSection(cases, directory), putSection };
}

describe('WriteSection and padded section content', () => {
  const principal: Principal = { sub: 'staff_a', orgId: 'org_a', roles: ['intake_worker'] };
  let owner: OrgKeys;

  beforeAll(async () => {
    owner = await generateOrgKeys('org_a');
  });

  const sealed = (plaintextBytes: number) =>
    sealSection({
      caseId: CASE_ID,
      section: 'health',
      contentVersion: 1,
      keyVersion: 1,
      plaintext: new Uint8Array(plaintextBytes),
      author: owner,
      recipients: [],
    });

  it('accepts content in the largest bucket it allows (256 KiB padded, plus the tag)', async () => {
    const { useCase, putSection } = writeSection(owner);
    const { record, envelopes } = await sealed(200 * KIB);
    await expect(useCase.execute(principal, CASE_ID, 'health', { record, envelopes })).resolves.toMatchObject({
      contentVersion: 1,
      keyVersion: 1,
    });
    expect(putSection).toHaveBeenCalledTimes(1);
  });

  it('refuses content padded to the next bucket as SECTION.TOO_LARGE', async () => {
    const { useCase, putSection } = writeSection(owner);
    const { record, envelopes } = await sealed(256 * KIB);
    await expect(useCase.execute(principal, CASE_ID, 'health', { record, envelopes })).rejects.toMatchObject({
      code: 'SECTION.TOO_LARGE',
    });
    expect(putSection).not.toHaveBeenCalled();
  });

  it('refuses a ciphertext whose length is no padding bucket (content written unpadded)', async () => {
    const { useCase, putSection } = writeSection(owner);
    const { record, envelopes } = await sealed(10);
    const unpadded = { ...record, ciphertext: toBase64Url(new Uint8Array(10 + 16)) };
    await expect(useCase.execute(principal, CASE_ID, 'health', { record: unpadded, envelopes })).rejects.toMatchObject({
      code: 'CRYPTO.MALFORMED_INPUT',
    });
    expect(putSection).not.toHaveBeenCalled();
  });
});
