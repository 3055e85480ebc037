import { type ConsentRecord, type JsonValue } from '@app/crypto';
import { fetchReceipt } from '../api/receipts-api';
import { verifyReceiptChain } from '../consent/verify-receipt-chain';
import { signerLookup } from '../directory/signer-lookup';
import { CLI_ERROR_CODES } from '../errors/cli-error';
import { type Command } from './command';
import { EXPECT_HEAD_OPTION, expectedHead } from '../args/access-log-head';
import { checkAccessLog } from './access-log-report';

export const receiptVerify: Command = {
  name: 'receipt verify',
  summary:
    "What a client's receipt code shows, checked here: every receipt signature " +
    "against the key directory, and the case's access-log chain.",
  note: 'The receipt is public; REFUGIO_TOKEN is used for the key directory.',
  options: [EXPECT_HEAD_OPTION],
  arguments: [{ name: 'receiptCode', description: "the client's receipt code" }],
  async run({ values, positionals }, context) {
    const head = expectedHead(values);
    const code = positionals[0] ?? '';
    // Fetched without credentials, as the client would: the code alone grants it.
    const api = context.publicIntake();
    const answer = await fetchReceipt(api, code);
    // The first page came with the receipt; the code fetches the others too.
    const log = await checkAccessLog(
      async (after) => (after === 0 ? answer.accessLog : (await fetchReceipt(api, code, after)).accessLog),
      head,
    );
    const accessLog = log.report;
    // An erased case: no receipts are left to check (they were erased with it), only the access log.
    const chain =
      'erasure' in answer
        ? undefined
        : await verifyReceiptChain(answer.consent.receipts, signerLookup(context.directory()), {
            consentId: answer.consent.consentId,
            ...(answer.caseId ? { caseId: answer.caseId } : {}),
          });
    const value = {
      caseId: answer.caseId ?? null,
      consentId: 'erasure' in answer ? null : answer.consent.consentId,
      ...('erasure' in answer ? { erasure: { ...answer.erasure } } : {}),
      receiptsValid: chain?.valid ?? null,
      receipts: chain?.receipts ?? [],
      consent: chain?.latest ? consentSummary(chain.latest) : null,
      accessLog,
    };
    if (chain && !chain.valid)
      return {
        kind: 'json',
        value,
        failure: { code: CLI_ERROR_CODES.RECEIPT_INVALID, message: 'a consent receipt does not verify' },
      };
    return log.failure ? { kind: 'json', value, failure: log.failure } : { kind: 'json', value };
  },
};

/** What the client agreed to, from the verified newest version (no client reference: the output may be shared). */
function consentSummary(record: ConsentRecord): JsonValue {
  return {
    version: record.version,
    dateTime: record.dateTime,
    collectedBy: record.collectedBy.orgId,
    grants: record.grants.map((grant) => ({
      granteeOrgId: grant.granteeOrgId,
      action: grant.action,
      sections: grant.sections,
      purposes: grant.purposes.map((p) => p.purpose),
      validFrom: grant.validFrom,
      validUntil: grant.validUntil,
      onwardSharing: grant.onwardSharing,
    })),
  };
}
