import { envelopeFor, newOrg, newSealedSection, recipient, withCode } from '../../test/factories';
import { CRYPTO_ERROR_CODES } from '../errors';
import { utf8Decode } from '../encoding/utf8';
import { sealDataKey } from '../envelope/envelope';
import { signingKeyOf } from '../keys/org-keys';
import { loadSodium } from '../sodium';
import { openSection } from './open-section';
import { writeNextVersion } from './write-next-version';

describe('writeNextVersion', () => {
  // So envelopes already handed out still open it.
  it('reuses the data key while the key version is current', async () => {
    const [owner, grantee] = [await newOrg('org-owner'), await newOrg('org-grantee')];
    const before = await newSealedSection({
      author: owner,
      recipients: [recipient(grantee)],
      keyVersion: 3,
      contentVersion: 7,
    });
    const next = await writeNextVersion({
      record: before.record,
      envelope: envelopeFor(before.envelopes, owner),
      rotationRequired: false,
      myKeys: owner,
      author: owner,
      authorSigningKey: signingKeyOf(owner),
      recipients: [],
      plaintext: 'version 8',
    });
    expect(next).toMatchObject({ action: 'updated', envelopes: [], record: { keyVersion: 3, contentVersion: 8 } });
    const opened = await openSection({
      record: next.record,
      envelope: envelopeFor(before.envelopes, grantee),
      myKeys: grantee,
      authorSigningKey: signingKeyOf(owner),
    });
    expect(utf8Decode(opened)).toBe('version 8');
  });

  it('rotates when the key version is retired, sealing only to the organizations still granted', async () => {
    const [owner, kept, revoked] = [await newOrg('org-owner'), await newOrg('org-kept'), await newOrg('org-revoked')];
    const before = await newSealedSection({
      author: owner,
      recipients: [recipient(kept), recipient(revoked)],
      keyVersion: 1,
      contentVersion: 2,
    });
    const next = await writeNextVersion({
      record: before.record,
      envelope: envelopeFor(before.envelopes, owner),
      rotationRequired: true,
      myKeys: owner,
      author: owner,
      authorSigningKey: signingKeyOf(owner),
      recipients: [recipient(kept)],
      plaintext: 'after the withdrawal',
    });
    expect(next).toMatchObject({ action: 'rotated', record: { keyVersion: 2, contentVersion: 3 } });
    expect(next.envelopes.map((e) => e.recipientOrgId).sort()).toEqual(['org-kept', 'org-owner']);
    const opened = await openSection({
      record: next.record,
      envelope: envelopeFor(next.envelopes, kept),
      myKeys: kept,
      authorSigningKey: signingKeyOf(owner),
    });
    expect(utf8Decode(opened)).toBe('after the withdrawal');
    await expect(
      openSection({
        record: next.record,
        envelope: envelopeFor(before.envelopes, revoked),
        myKeys: revoked,
        authorSigningKey: signingKeyOf(owner),
      }),
    ).rejects.toBeDefined();
  });

  // An envelope a server made up holds such a key.
  it('refuses to reuse a data key the author-signed record was not encrypted with', async () => {
    const owner = await newOrg('org-owner');
    const before = await newSealedSection({ author: owner, keyVersion: 1, contentVersion: 1 });
    const serverKnownKey = (await loadSodium()).randombytes_buf(32);
    const planted = sealDataKey({
      caseId: before.record.caseId,
      section: before.record.section,
      keyVersion: 1,
      dataKey: serverKnownKey,
      recipient: recipient(owner),
    });
    await expect(
      writeNextVersion({
        record: before.record,
        envelope: planted,
        rotationRequired: false,
        myKeys: owner,
        author: owner,
        authorSigningKey: signingKeyOf(owner),
        recipients: [],
        plaintext: 'must not be written under the planted key',
      }),
    ).rejects.toEqual(withCode(CRYPTO_ERROR_CODES.DECRYPTION_FAILED));
  });
});
