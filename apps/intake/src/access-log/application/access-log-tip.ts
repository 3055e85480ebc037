import { Injectable } from '@nestjs/common';
import {
  type AccessLogEntry,
  type AccessLogHead,
  GENESIS_HASH,
  MalformedInputError,
  accessLogEntryHash,
} from '@app/crypto';
import { AccessLogBrokenError } from '../domain/access-log.errors';
import { AccessLogRepository } from '../persistence/access-log.repository';

/**
 * The newest entry of a case's log. It starts at the head record, which only
 * ever advances over entries already checked (here), so everything up to it
 * is a verified checkpoint; then it follows the entries the head has not
 * reached (an append that crashed between its two writes, or one in flight),
 * checking each extends the one before.
 */
@Injectable()
export class AccessLogTip {
  constructor(private readonly store: AccessLogRepository) {}

  /**
   * For an append: moves the head along each entry that extends it, and
   * refuses a log that does not extend from its head (no hand-out is logged
   * on a broken chain). Undefined: no entry yet.
   */
  async forAppend(caseId: string): Promise<AccessLogHead | undefined> {
    let tip = await this.store.head(caseId);
    for (;;) {
      const next = await this.store.entryAt(caseId, (tip?.seq ?? 0) + 1);
      if (next === undefined) return tip;
      if (!(await extendsTip(next, tip))) throw new AccessLogBrokenError();
      await this.store.advanceHead(caseId, tip, next);
      tip = next;
    }
  }

  /**
   * For a read: the same walk without writing, stopping before an entry that
   * does not extend (appends refuse such a log; a read shows what verifies).
   */
  async forRead(caseId: string): Promise<AccessLogHead | undefined> {
    let tip = await this.store.head(caseId);
    for (;;) {
      const next = await this.store.entryAt(caseId, (tip?.seq ?? 0) + 1);
      if (next === undefined || !(await extendsTip(next, tip))) return tip;
      tip = { seq: next.seq, hash: next.hash };
    }
  }
}

/** True when `next` names the tip's hash and its own hash recomputes. */
async function extendsTip(next: AccessLogEntry, tip: AccessLogHead | undefined): Promise<boolean> {
  if (next.prevHash !== (tip?.hash ?? GENESIS_HASH)) return false;
  try {
    return (await accessLogEntryHash(next)) === next.hash;
  } catch (error) {
    // A stored field the SDK refuses is as broken as a wrong hash.
    if (error instanceof MalformedInputError) return false;
    throw error;
  }
}
