import { listConsents } from '../api/consents-api';
import { CLI_ERROR_CODES, CliError } from '../errors/cli-error';
import { type SignerLookup } from '../directory/signer-lookup';
import { type IntakeClient } from '../http/intake-client';
import { type VerifiedConsent } from './granted-organizations';
import { verifyReceiptChain } from './verify-receipt-chain';

/**
 * A case's consents with every receipt verified. One that does not verify
 * stops the command: sealing keys on the strength of an unverified grant is
 * exactly what the signatures are there to prevent.
 */
export async function verifiedCaseConsents(
  api: IntakeClient,
  caseId: string,
  lookup: SignerLookup,
): Promise<VerifiedConsent[]> {
  const stored = await listConsents(api, caseId);
  const verified: VerifiedConsent[] = [];
  for (const consent of stored) {
    const check = await verifyReceiptChain(consent.receipts, lookup, { consentId: consent.consentId, caseId });
    if (!check.latest) {
      const code = check.receipts.find((r) => !r.valid)?.code ?? 'CONSENT.NO_RECEIPTS';
      throw new CliError(CLI_ERROR_CODES.RECEIPT_INVALID, `a consent receipt of the case does not verify (${code})`);
    }
    verified.push({ latest: check.latest, ...(consent.grants ? { states: consent.grants } : {}) });
  }
  return verified;
}
