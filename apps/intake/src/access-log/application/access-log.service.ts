import { Injectable } from '@nestjs/common';
import {
  type AccessLogEntry,
  type AccessLogEntryBody,
  type AccessLogHead,
  type AccessLogVerification,
  GENESIS_HASH,
  MalformedInputError,
  accessLogEntryHash,
  verifyAccessLog,
} from '@app/crypto';
import { AccessLogBrokenError, AccessLogContendedError } from '../domain/access-log.errors';
import { AccessLogRepository } from '../persistence/access-log.repository';
import { type AccessLogScope } from '../../cases/domain/case-scope';

/** Who received which section's key, for what; the caller has checked that they may. */
export interface AccessLogAppend {
  readonly caseId: string;
  readonly actorSub: string;
  readonly actorOrg: string;
  readonly purpose: string;
  readonly section: string;
  readonly keyVersion: number;
}

export interface AccessLogChain {
  readonly entries: AccessLogEntry[];
  readonly verification: AccessLogVerification;
}

// Each lost race means another hand-out was recorded, so the retries are
// bounded by how many readers one case has at once, not by luck.
const MAX_APPEND_ATTEMPTS = 10;

/**
 * The hash-chained log of every envelope handed out (design:
 * crypto-and-consent.md, "Access log the client can check"). Append before
 * handing out: a hand-out that cannot be logged must not happen.
 */
@Injectable()
export class AccessLog {
  constructor(private readonly store: AccessLogRepository) {}

  async append(input: AccessLogAppend): Promise<AccessLogEntry> {
    const { caseId, actorSub, actorOrg, purpose, section, keyVersion } = input;
    for (let attempt = 1; attempt <= MAX_APPEND_ATTEMPTS; attempt++) {
      const tip = await this.tip(caseId);
      const body: AccessLogEntryBody = {
        seq: (tip?.seq ?? 0) + 1,
        at: new Date().toISOString(),
        actorSub,
        actorOrg,
        purpose,
        section,
        keyVersion,
        prevHash: tip?.hash ?? GENESIS_HASH,
      };
      const entry: AccessLogEntry = { ...body, hash: await accessLogEntryHash(body) };
      if (!(await this.store.insert(caseId, entry))) continue;
      // A crash here leaves the head one entry behind; the next append catches it up.
      await this.store.advanceHead(caseId, tip, entry);
      return entry;
    }
    throw new AccessLogContendedError();
  }

  /** Every entry of a case in the scope, in seq order, verified against its head; undefined out of scope. */
  async chain(scope: AccessLogScope, caseId: string): Promise<AccessLogChain | undefined> {
    const stored = await this.store.read(scope, caseId);
    if (!stored) return undefined;
    return { entries: stored.entries, verification: await verifyAccessLog(stored.entries, stored.head) };
  }

  /**
   * The newest entry (undefined: none yet). Starts at the head and follows
   * entries the head has not reached (an append that crashed, or one in
   * flight), moving the head along when each extends it.
   */
  private async tip(caseId: string): Promise<AccessLogHead | undefined> {
    let tip = await this.store.head(caseId);
    for (;;) {
      const next = await this.store.entryAt(caseId, (tip?.seq ?? 0) + 1);
      if (next === undefined) return tip;
      if (!(await extendsTip(next, tip))) throw new AccessLogBrokenError();
      await this.store.advanceHead(caseId, tip, next);
      tip = next;
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
