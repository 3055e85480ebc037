import { type ConsentRecord, CryptoError, parseConsentReceipt, verifyConsentReceipt } from '@app/crypto';
import { type SignerLookup } from '../directory/signer-lookup';

export type ReceiptCheck = {
  readonly version?: number;
  readonly signerOrgId?: string;
  readonly signerKeyId?: string;
  readonly valid: boolean;
  /** Why not, as a code: CRYPTO.* from the SDK, or CONSENT.* for the chain. */
  readonly code?: string;
};

export interface ReceiptChainCheck {
  readonly valid: boolean;
  readonly receipts: ReceiptCheck[];
  /** The newest version, when every receipt verified. */
  readonly latest?: ConsentRecord;
}

/**
 * Verifies every signed version of one consent: each signature against the
 * collecting organization's key, and that together they are versions 1..n
 * of one consent of one case. Never throws on what intake sent.
 */
export async function verifyReceiptChain(
  receipts: readonly unknown[],
  lookup: SignerLookup,
  expected: { consentId?: string; caseId?: string } = {},
): Promise<ReceiptChainCheck> {
  const checks: ReceiptCheck[] = [];
  const records: ConsentRecord[] = [];
  for (const receipt of receipts) {
    const check = await verifyOne(receipt, lookup);
    checks.push(check.result);
    if (check.record) records.push(check.record);
  }
  // The document does not fix an order; versions must still be exactly 1..n.
  const ordered = [...records].sort((a, b) => a.version - b.version);
  const chainCode = records.length === receipts.length ? chainProblem(ordered, expected) : undefined;
  const valid = receipts.length > 0 && records.length === receipts.length && chainCode === undefined;
  const withChain = chainCode === undefined ? checks : [...checks, { valid: false, code: chainCode }];
  return { valid, receipts: withChain, ...(valid ? { latest: ordered[ordered.length - 1] } : {}) };
}

async function verifyOne(
  receipt: unknown,
  lookup: SignerLookup,
): Promise<{ result: ReceiptCheck; record?: ConsentRecord }> {
  let about: ReceiptCheck = { valid: false };
  try {
    const parsed = parseConsentReceipt(receipt);
    about = {
      version: parsed.record.version,
      signerOrgId: parsed.record.collectedBy.orgId,
      signerKeyId: parsed.signerKeyId,
      valid: false,
    };
    const key = await lookup(parsed.record.collectedBy.orgId, parsed.signerKeyId);
    const verified = await verifyConsentReceipt(receipt, key);
    return { result: { ...about, valid: true }, record: verified.record };
  } catch (error) {
    if (error instanceof CryptoError) return { result: { ...about, code: error.code } };
    throw error;
  }
}

function chainProblem(
  records: readonly ConsentRecord[],
  expected: { consentId?: string; caseId?: string },
): string | undefined {
  const first = records[0];
  if (!first) return 'CONSENT.NO_RECEIPTS';
  const consentId = expected.consentId ?? first.consentId;
  const caseId = expected.caseId ?? first.caseId;
  if (records.some((r) => r.consentId !== consentId)) return 'CONSENT.MIXED_CONSENTS';
  if (records.some((r) => r.caseId !== caseId)) return 'CONSENT.MIXED_CASES';
  if (records.some((r, i) => r.version !== i + 1)) return 'CONSENT.VERSION_GAP';
  return undefined;
}
