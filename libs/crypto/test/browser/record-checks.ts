// Keyfile, consent receipt and access log in the page: Argon2id in
// WebAssembly, Ed25519 over canonical JSON, BLAKE2b hash chains.
import {
  type AccessLogEntry,
  CRYPTO_ERROR_CODES,
  type ConsentReceipt,
  KEYFILE_MIN_LIMITS,
  type Keyfile,
  type OrgKeys,
  openKeyfile,
  sealKeyfile,
  signConsentRecord,
  signingKeyOf,
  toReceiptHolderEntry,
  verifyAccessLog,
  verifyConsentReceipt,
} from '../../src/index';
import { newConsentRecord } from '../../src/consent/test-factories';
import { ownersChain, overTheWire } from '../access-log-chains';
import { check, expectCryptoError, expectEqual } from './check';
import { type CheckResult } from './protocol';

export const KEYFILE_PASSPHRASE = 'correct horse battery staple, en el navegador';

export interface RecordChecks {
  readonly checks: CheckResult[];
  readonly keyfile: Keyfile;
  readonly receipt: ConsentReceipt;
  readonly accessLog: AccessLogEntry[];
}

/** `owner` must be 'org-owner': the consent record's collecting organization. */
export async function runRecordChecks(owner: OrgKeys): Promise<RecordChecks> {
  // The floor, the least sealKeyfile accepts: it also proves the page's WebAssembly heap grows to 64 MiB.
  const keyfile = await sealKeyfile(owner, KEYFILE_PASSPHRASE, KEYFILE_MIN_LIMITS);
  const receipt = await signConsentRecord(newConsentRecord(), owner);
  // Entry 1 in format 1 (as stored before format 2), then format 2 with the subject disclosed (the owner's view).
  const accessLog = await ownersChain(3, {
    legacy: 1,
    handOut: (seq) => ({
      at: new Date(Date.UTC(2026, 0, 1, 12, 0, seq)).toISOString(),
      actorOrg: 'org-grantee',
      actorRole: 'partner_attorney',
      section: 'health',
    }),
  });

  const checks = [
    await check('sealKeyfile/openKeyfile (Argon2id at the floor: 3 passes, 64 MiB)', async () => {
      const {
        keys: [opened],
        resealRequired,
      } = await openKeyfile(overTheWire(keyfile), KEYFILE_PASSPHRASE);
      expectEqual(resealRequired, false, 'resealRequired');
      expectEqual(opened?.encryption.keyId, owner.encryption.keyId, 'encryption key id');
      expectEqual(opened?.signing.keyId, owner.signing.keyId, 'signing key id');
      await expectCryptoError(CRYPTO_ERROR_CODES.DECRYPTION_FAILED, () =>
        openKeyfile(overTheWire(keyfile), 'wrong passphrase'),
      );
    }),
    await check('signConsentRecord + verifyConsentReceipt', async () => {
      const verified = await verifyConsentReceipt(overTheWire(receipt), signingKeyOf(owner));
      expectEqual(verified.record.consentId, receipt.record.consentId, 'consentId');
      const altered = { ...receipt, record: { ...receipt.record, clientRef: 'cref_clientotherxxxxxxxxxxA' } };
      await expectCryptoError(CRYPTO_ERROR_CODES.SIGNATURE_INVALID, () =>
        verifyConsentReceipt(overTheWire(altered), signingKeyOf(owner)),
      );
    }),
    await check('accessLogEntryHash + verifyAccessLog on a 3-entry chain', async () => {
      const last = accessLog[2];
      const intact = await verifyAccessLog(overTheWire(accessLog), last && { seq: last.seq, hash: last.hash });
      expectEqual(JSON.stringify(intact), JSON.stringify({ valid: true, checked: 3 }), 'intact chain');
      // The receipt holder's view: the format 1 entry withheld, the others without their subject.
      const shown = await verifyAccessLog(overTheWire(accessLog.map(toReceiptHolderEntry)));
      expectEqual(JSON.stringify(shown), JSON.stringify({ valid: true, checked: 3, withheld: 1 }), 'receipt view');
      const altered = accessLog.map((entry) => (entry.seq === 2 ? { ...entry, purpose: 'case_coordination' } : entry));
      const broken = await verifyAccessLog(overTheWire(altered));
      expectEqual(
        JSON.stringify(broken),
        JSON.stringify({ valid: false, checked: 1, brokenAtSeq: 2, reason: 'HASH_MISMATCH' }),
        'altered chain',
      );
    }),
  ];
  return { checks, keyfile, receipt, accessLog };
}
