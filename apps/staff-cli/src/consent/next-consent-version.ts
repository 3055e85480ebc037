import { newClientRef, newConsentId } from '@app/crypto';
import { listConsents } from '../api/consents-api';
import { type SignerLookup } from '../directory/signer-lookup';
import { CLI_ERROR_CODES, CliError } from '../errors/cli-error';
import { type IntakeClient } from '../http/intake-client';
import { verifyReceiptChain } from './verify-receipt-chain';

/**
 * The id, version and client reference of the consent record to sign: a new
 * consent at version 1 with a new client reference, or the version after the
 * newest verified receipt of `consentId`, naming the same client.
 */
export async function nextConsentVersion(
  api: IntakeClient,
  caseId: string,
  lookup: SignerLookup,
  consentId?: string,
): Promise<{ consentId: string; version: number; clientRef: string }> {
  if (consentId === undefined) return { consentId: newConsentId(), version: 1, clientRef: newClientRef() };
  const stored = (await listConsents(api, caseId)).find((consent) => consent.consentId === consentId);
  if (!stored) throw new CliError(CLI_ERROR_CODES.NOT_FOUND, '--consent: no such consent on this case');
  const check = await verifyReceiptChain(stored.receipts, lookup, { consentId, caseId });
  if (!check.latest)
    throw new CliError(CLI_ERROR_CODES.RECEIPT_INVALID, 'the stored receipts of this consent do not verify');
  return { consentId, version: check.latest.version + 1, clientRef: check.latest.clientRef };
}
