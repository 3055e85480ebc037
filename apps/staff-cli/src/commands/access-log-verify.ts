import { verifyActorSub } from '@app/crypto';
import { requiredString } from '../args/option-values';
import { fetchAccessLog } from '../api/receipts-api';
import { type Command } from './command';
import { EXPECT_HEAD_OPTION, expectedHead } from '../args/access-log-head';
import { checkAccessLog } from './access-log-report';

export const accessLogVerify: Command = {
  name: 'access-log verify',
  summary: "Fetch a case's access log (owner) page by page and verify its hash chain here, not on intake's word.",
  options: [{ flags: '--case <caseId>', description: 'the case', required: true }, EXPECT_HEAD_OPTION],
  arguments: [],
  async run({ values }, context) {
    const caseId = requiredString(values, 'case');
    const api = context.intake();
    const check = await checkAccessLog((after) => fetchAccessLog(api, caseId, after), expectedHead(values));
    const value = { caseId, ...check.report, actorSubs: await actorSubs(check.received) };
    return check.failure ? { kind: 'json', value, failure: check.failure } : { kind: 'json', value };
  },
};

/**
 * The owner's view discloses each format 2 entry's subject and salt: how
 * many open the entry's digest (verifyActorSub), and how many format 2
 * entries came without them (intake kept the reader from the owner). Format
 * 1 entries name the subject in the hashed fields and are not counted.
 */
async function actorSubs(entries: readonly unknown[]): Promise<{ verified: number; unverified: number }> {
  let verified = 0;
  let unverified = 0;
  for (const entry of entries) {
    if ((entry as { v?: unknown } | null)?.v !== 2) continue;
    if (await verifyActorSub(entry)) verified += 1;
    else unverified += 1;
  }
  return { verified, unverified };
}
