// Access logs for the SDK's specs, built through the public API the way a
// server builds them. Also bundled into the browser check page
// (browser/record-checks.ts): nothing here may need Node.
import {
  type AccessLogEntryV1,
  type OwnerAccessLogEntry,
  GENESIS_HASH,
  accessLogActorSubDigest,
  accessLogEntryHash,
  newActorSalt,
} from '../src/index';

/** What an entry records of one hand-out: who read which section's key version, for what, when. */
export type HandOut = {
  readonly at: string;
  readonly actorOrg: string;
  /** Format 2 hashes only its salted digest. */
  readonly actorSub: string;
  /** Format 2 only. */
  readonly actorRole: string;
  readonly purpose: string;
  readonly section: string;
  readonly keyVersion: number;
};

export type ChainOptions = {
  /** The first `legacy` entries are in format 1 (stored before format 2); the rest in format 2. Default 0. */
  readonly legacy?: number;
  /**
   * The hand-out at each seq, over the defaults: `worker-<seq>`, legal staff
   * of org-legal, reading legal for legal_representation, one second apart.
   */
  readonly handOut?: (seq: number) => Partial<HandOut>;
};

/** A chain of `length` entries as the owner is shown it: format 2 entries carry their subject disclosed. */
export async function ownersChain(length: number, options: ChainOptions = {}): Promise<OwnerAccessLogEntry[]> {
  const chain: OwnerAccessLogEntry[] = [];
  for (let seq = 1; seq <= length; seq++) {
    const { actorSub, actorRole, ...common } = {
      at: new Date(Date.UTC(2025, 0, 1, 12, 0, seq)).toISOString(),
      actorOrg: 'org-legal',
      actorSub: `worker-${seq}`,
      actorRole: 'legal_staff',
      purpose: 'legal_representation',
      section: 'legal',
      keyVersion: 1,
      ...options.handOut?.(seq),
    };
    const link = { seq, ...common, prevHash: chain.at(-1)?.hash ?? GENESIS_HASH };
    if (seq <= (options.legacy ?? 0)) {
      const body = { ...link, actorSub };
      chain.push({ ...body, hash: await accessLogEntryHash(body) });
      continue;
    }
    const actorSalt = newActorSalt();
    const body = {
      v: 2 as const,
      ...link,
      actorRole,
      actorSubDigest: await accessLogActorSubDigest(actorSalt, actorSub),
    };
    chain.push({ ...body, hash: await accessLogEntryHash(body), actorSub, actorSalt });
  }
  return chain;
}

/** A chain in format 1 only, as stored before format 2. */
export async function formatOneChain(
  length: number,
  handOut?: (seq: number) => Partial<HandOut>,
): Promise<AccessLogEntryV1[]> {
  return (await ownersChain(length, { legacy: length, handOut })).filter(
    (entry): entry is AccessLogEntryV1 => !('v' in entry),
  );
}

/** What a client receives: JSON, not the objects the server built. */
export function overTheWire<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
