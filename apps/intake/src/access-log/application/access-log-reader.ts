import { Injectable } from '@nestjs/common';
import {
  type AccessLogEntry,
  type AccessLogVerification,
  GENESIS_CHECKPOINT,
  type OwnerAccessLogEntry,
  type ReceiptAccessLogEntry,
  toReceiptHolderEntry,
  verifyAccessLogPage,
} from '@app/crypto';
import { type AccessLogPage, type AccessLogPageRequest } from '../domain/access-log-page';
import { AccessLogRepository } from '../persistence/access-log.repository';
import { type AccessLogScope, type OwnerScope, type ReceiptHolderScope } from '../../cases/domain/case-scope';
import { AccessLogTip } from './access-log-tip';

/**
 * Reads a case's log in pages, each verified from its checkpoint (the entry
 * at `after`) rather than from the first entry: the head only ever advanced
 * over entries already checked, so no read re-hashes the whole log. The
 * owner sees entries whole; a receipt holder never sees a staff member's
 * subject (toReceiptHolderEntry).
 */
@Injectable()
export class AccessLogReader {
  constructor(
    private readonly store: AccessLogRepository,
    private readonly tip: AccessLogTip,
  ) {}

  /** Undefined when the case is not the owner's. */
  ownersPage(
    scope: OwnerScope,
    caseId: string,
    request: AccessLogPageRequest,
  ): Promise<AccessLogPage<OwnerAccessLogEntry> | undefined> {
    return this.page(scope, caseId, request, (entry: OwnerAccessLogEntry) => entry);
  }

  /** Undefined when the code is not one of the case's. */
  receiptHoldersPage(
    scope: ReceiptHolderScope,
    caseId: string,
    request: AccessLogPageRequest,
  ): Promise<AccessLogPage<ReceiptAccessLogEntry> | undefined> {
    return this.page(scope, caseId, request, toReceiptHolderEntry);
  }

  private async page<Entry extends object>(
    scope: AccessLogScope,
    caseId: string,
    { after, limit }: AccessLogPageRequest,
    view: (entry: OwnerAccessLogEntry) => Entry,
  ): Promise<AccessLogPage<Entry> | undefined> {
    if (!(await this.store.inScope(scope, caseId))) return undefined;
    // Pages end at the head, so every entry a reader is shown is one the head covers.
    const head = (await this.tip.forRead(caseId)) ?? GENESIS_CHECKPOINT;
    if (after > head.seq) return { entries: [], head, verification: notThere('HEAD_MISSING', head.seq + 1) };
    const from = after === 0 ? GENESIS_CHECKPOINT : await this.store.entryAt(caseId, after);
    if (from === undefined) return { entries: [], head, verification: notThere('SEQ_GAP', after) };
    const entries = (await this.store.entriesAfter(caseId, after, head.seq, limit)).map(view);
    const { valid, checked, withheld, brokenAtSeq, reason } = await verifyAccessLogPage(
      { entries, head },
      checkpointOf(from),
      { limit },
    );
    const verification: AccessLogVerification = {
      valid,
      checked,
      ...(withheld === undefined ? {} : { withheld }),
      ...(brokenAtSeq === undefined ? {} : { brokenAtSeq }),
      ...(reason === undefined ? {} : { reason }),
    };
    return { entries, head, verification };
  }
}

function checkpointOf(entry: AccessLogEntry | typeof GENESIS_CHECKPOINT): { seq: number; hash: string } {
  return { seq: entry.seq, hash: entry.hash };
}

/** The page starts at an entry that is not there: past the head, or removed. */
function notThere(reason: 'HEAD_MISSING' | 'SEQ_GAP', brokenAtSeq: number): AccessLogVerification {
  return { valid: false, checked: 0, brokenAtSeq, reason };
}
