import { Inject, Injectable } from '@nestjs/common';
import {
  type AccessLogEntryV2Body,
  type OwnerAccessLogEntry,
  GENESIS_HASH,
  accessLogActorSubDigest,
  accessLogEntryHash,
  newActorSalt,
} from '@app/crypto';
import { AccessLogContendedError } from '../domain/access-log.errors';
import { dedupeKeyOf, windowStart } from '../domain/dedupe-key';
import { type HandOut } from '../domain/hand-out';
import { AccessLogRepository } from '../persistence/access-log.repository';
import { ACCESS_LOG_SETTINGS, type AccessLogSettings } from './access-log-settings';
import { AccessLogTip } from './access-log-tip';

export { type HandOut as AccessLogAppend } from '../domain/hand-out';

// Each lost race means another, different hand-out was recorded (identical
// ones reuse the winner's entry), so the retries are bounded by how many
// distinct readers one case has at once, not by how often any of them reads.
const MAX_APPEND_ATTEMPTS = 10;

/**
 * The hash-chained log of every envelope handed out (design:
 * crypto-and-consent.md, "Access log the client can check"). Append before
 * handing out: a hand-out that cannot be logged must not happen.
 */
@Injectable()
export class AccessLog {
  constructor(
    private readonly store: AccessLogRepository,
    private readonly tip: AccessLogTip,
    @Inject(ACCESS_LOG_SETTINGS) private readonly settings: AccessLogSettings,
  ) {}

  /**
   * Appends a format 2 entry, or returns the entry an identical hand-out
   * (same subject and organization, purpose, section, key version) appended
   * in the same dedupe window: a reader in a loop grows the log by one entry
   * per window, and does not crowd other readers out of the next seq.
   */
  async append(handOut: HandOut): Promise<OwnerAccessLogEntry> {
    const { caseId } = handOut;
    const dedupeKey = dedupeKeyOf(handOut, windowStart(this.settings.now(), this.settings.dedupeWindowMs));
    for (let attempt = 1; attempt <= MAX_APPEND_ATTEMPTS; attempt++) {
      const earlier = await this.store.byDedupeKey(caseId, dedupeKey);
      if (earlier) return earlier;
      const tip = await this.tip.forAppend(caseId);
      const entry = await newEntry(handOut, (tip?.seq ?? 0) + 1, tip?.hash ?? GENESIS_HASH, this.settings.now());
      // Lost to another seq, or to an identical hand-out: the next attempt finds out which.
      if (!(await this.store.insert(caseId, entry, dedupeKey))) continue;
      // A crash here leaves the head one entry behind; the next append catches it up.
      await this.store.advanceHead(caseId, tip, entry);
      return entry;
    }
    throw new AccessLogContendedError();
  }
}

/** A format 2 entry with a fresh salt, in the owner's view (the subject and salt kept beside the digest). */
async function newEntry(handOut: HandOut, seq: number, prevHash: string, at: Date): Promise<OwnerAccessLogEntry> {
  const { actorSub, actorOrg, actorRole, purpose, section, keyVersion } = handOut;
  const actorSalt = newActorSalt();
  const body: AccessLogEntryV2Body = {
    v: 2,
    seq,
    at: at.toISOString(),
    actorOrg,
    actorRole,
    actorSubDigest: await accessLogActorSubDigest(actorSalt, actorSub),
    purpose,
    section,
    keyVersion,
    prevHash,
  };
  return { ...body, hash: await accessLogEntryHash(body), actorSub, actorSalt };
}
