// The fake intake's access log (docs/consent-api.md, "Access log"): format 2
// entries, one per identical hand-out and hour, read in pages up to the head
// in the owner's or the receipt holder's view, with intake-like verification.
// No jest globals: the production build compiles this file too.
import {
  type AccessLogEntryV2Body,
  type AccessLogHead,
  GENESIS_CHECKPOINT,
  GENESIS_HASH,
  accessLogActorSubDigest,
  accessLogEntryHash,
  newActorSalt,
  toReceiptHolderEntry,
  verifyAccessLogPage,
} from '@app/crypto';
import { ROLES, ROLE_PURPOSES, type Purpose } from '@app/contracts';
import { type FakeCase } from './fake-case';

const WINDOW_MS = 3_600_000;
const PAGE_LIMITS = { default: 100, max: 500 };

// Kept beside each case, as intake keeps them beside the entries: the
// dedupe keys of the hand-outs logged, and the head (the newest entry
// appended), which a test that cuts entries from `log` leaves where it was.
const dedupeKeys = new WeakMap<FakeCase, Set<string>>();
const heads = new WeakMap<FakeCase, AccessLogHead>();

export interface FakeHandOut {
  readonly actorSub: string;
  readonly actorOrg: string;
  readonly purpose: string;
  readonly section: string;
  readonly keyVersion: number;
}

/** Appends a format 2 entry, unless an identical hand-out of the same hour already did. */
export async function appendHandOut(c: FakeCase, handOut: FakeHandOut): Promise<void> {
  const key = JSON.stringify({ ...handOut, window: Math.floor(Date.now() / WINDOW_MS) });
  const logged = dedupeKeys.get(c) ?? new Set<string>();
  dedupeKeys.set(c, logged);
  if (logged.has(key)) return;
  logged.add(key);
  const { actorSub, ...rest } = handOut;
  const actorSalt = newActorSalt();
  const body: AccessLogEntryV2Body = {
    v: 2,
    seq: c.log.length + 1,
    at: new Date().toISOString(),
    ...rest,
    // Fake tokens carry no roles: the reader is taken to hold the first role that allows the purpose.
    actorRole: ROLES.find((role) => ROLE_PURPOSES[role].includes(rest.purpose as Purpose)) ?? 'org_admin',
    actorSubDigest: await accessLogActorSubDigest(actorSalt, actorSub),
    prevHash: c.log.at(-1)?.hash ?? GENESIS_HASH,
  };
  const hash = await accessLogEntryHash(body);
  c.log.push({ ...body, hash, actorSub, actorSalt });
  heads.set(c, { seq: body.seq, hash });
}

/** `after` and `limit` from a query string or a lookup body, with intake's defaults and bounds. */
export function pageOf(source: Record<string, unknown> | null): { after: number; limit: number } {
  const after = Number(source?.after ?? 0);
  const limit = Number(source?.limit ?? PAGE_LIMITS.default);
  return {
    after: Number.isSafeInteger(after) && after >= 0 ? after : 0,
    limit: Number.isSafeInteger(limit) ? Math.min(Math.max(limit, 1), PAGE_LIMITS.max) : PAGE_LIMITS.default,
  };
}

/** One page after `after`, up to the head (the newest entry), in the view of who asks. */
export async function logPage(
  c: FakeCase,
  { after, limit }: { after: number; limit: number },
  view: 'owner' | 'receipt-holder',
): Promise<unknown> {
  const head = heads.get(c) ?? GENESIS_CHECKPOINT;
  const stored = c.log.filter((entry) => entry.seq > after && entry.seq <= head.seq).slice(0, limit);
  const entries = view === 'owner' ? stored : stored.map(toReceiptHolderEntry);
  const from = after === 0 ? GENESIS_CHECKPOINT : c.log.find((entry) => entry.seq === after);
  const {
    checkpoint: _checkpoint,
    complete: _complete,
    ...verification
  } = from
    ? await verifyAccessLogPage({ entries, head }, { seq: from.seq, hash: from.hash }, { limit })
    : { valid: false, checked: 0, brokenAtSeq: after, reason: 'SEQ_GAP', checkpoint: null, complete: false };
  return { entries, head: { seq: head.seq, hash: head.hash }, verification };
}
