import { type JsonValue, verifyAccessLog } from '@app/crypto';
import { requiredString } from '../args/option-values';
import { fetchAccessLog } from '../api/receipts-api';
import { CLI_ERROR_CODES } from '../errors/cli-error';
import { type Command } from './command';
import { EXPECT_HEAD_OPTION, expectedHead, newestHead } from '../args/access-log-head';

export const accessLogVerify: Command = {
  name: 'access-log verify',
  summary: "Fetch a case's access log (owner) and verify its hash chain here, not on intake's word.",
  options: [{ flags: '--case <caseId>', description: 'the case', required: true }, EXPECT_HEAD_OPTION],
  arguments: [],
  async run({ values }, context) {
    const caseId = requiredString(values, 'case');
    const head = expectedHead(values);
    const log = await fetchAccessLog(context.intake(), caseId);
    const verification = await verifyAccessLog(log.entries, head);
    const entries = Array.isArray(log.entries) ? log.entries.length : 0;
    const value = {
      caseId,
      entries,
      verification: { ...verification },
      intakeVerification: (log.verification ?? null) as JsonValue,
      newestHead: verification.valid ? newestHead(log.entries) : null,
    };
    const reason = verification.reason ?? 'unknown';
    return verification.valid
      ? { kind: 'json', value }
      : {
          kind: 'json',
          value,
          failure: {
            code: CLI_ERROR_CODES.ACCESS_LOG_BROKEN,
            message: `access log broken at seq ${verification.brokenAtSeq ?? '?'} (${reason})`,
          },
        };
  },
};
