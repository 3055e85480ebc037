import { fromBase64Url } from '../encoding/base64url';
import { MalformedInputError } from '../errors';
import { requireId, requireInstant, requireObject, requireVersionNumber } from '../validate';
import { chainHash, requireHash } from './chain-hash';

/** A fresh random salt per entry, so one digest says nothing about any other. */
export const ACTOR_SALT_BYTES = 16;

/**
 * The entry format a receipt holder may be shown whole: the organization and
 * the role that read, and only a salted digest of the staff member's token
 * subject, `actorSubDigest = BLAKE2b-256(actorSalt bytes || UTF-8 actorSub)`.
 * Without the salt the digest cannot be tested against guessed subjects (they
 * are often e-mail addresses); with it, the owner (or whoever the owner
 * shows the pair to) can check which staff member it was.
 */
export type AccessLogEntryV2Body = {
  readonly v: 2;
  readonly seq: number;
  /** ISO 8601 UTC instant. */
  readonly at: string;
  readonly actorOrg: string;
  /** The reader's role that allowed the purpose (ROLE_PURPOSES; the first such role in ROLES order). */
  readonly actorRole: string;
  readonly actorSubDigest: string;
  readonly purpose: string;
  readonly section: string;
  readonly keyVersion: number;
  /** Hash of entry seq - 1, or GENESIS_HASH for seq 1. */
  readonly prevHash: string;
};

export type AccessLogEntryV2 = AccessLogEntryV2Body & { readonly hash: string };

/** What the owner's view adds to a v2 entry: the opening of actorSubDigest. Not covered by the hash. */
export type ActorSubDisclosure = {
  readonly actorSub: string;
  /** 16 bytes, base64url. */
  readonly actorSalt: string;
};

export type DisclosedAccessLogEntryV2 = AccessLogEntryV2 & ActorSubDisclosure;

export const V2_ENTRY_FIELDS: readonly string[] = [
  'v',
  'seq',
  'at',
  'actorOrg',
  'actorRole',
  'actorSubDigest',
  'purpose',
  'section',
  'keyVersion',
  'prevHash',
  'hash',
];
export const DISCLOSURE_FIELDS: readonly string[] = ['actorSub', 'actorSalt'];

export function parseV2Body(value: unknown, what: string): AccessLogEntryV2Body {
  const o = requireObject(value, what);
  if (o.v !== 2) throw new MalformedInputError(`${what}.v: expected 2`);
  return {
    v: 2,
    seq: requireVersionNumber(o.seq, `${what}.seq`, 1),
    at: requireInstant(o.at, `${what}.at`),
    actorOrg: requireId(o.actorOrg, `${what}.actorOrg`),
    actorRole: requireId(o.actorRole, `${what}.actorRole`),
    actorSubDigest: requireHash(o.actorSubDigest, `${what}.actorSubDigest`),
    purpose: requireId(o.purpose, `${what}.purpose`),
    section: requireId(o.section, `${what}.section`),
    keyVersion: requireVersionNumber(o.keyVersion, `${what}.keyVersion`, 1),
    prevHash: requireHash(o.prevHash, `${what}.prevHash`),
  };
}

/** Both disclosure fields or neither; undefined when neither. */
export function parseDisclosure(o: Record<string, unknown>, what: string): ActorSubDisclosure | undefined {
  if (o.actorSub === undefined && o.actorSalt === undefined) return undefined;
  fromBase64Url(o.actorSalt, `${what}.actorSalt`, { length: ACTOR_SALT_BYTES });
  return { actorSub: requireId(o.actorSub, `${what}.actorSub`), actorSalt: o.actorSalt as string };
}

/**
 * The format 2 body fields of an entry, and nothing else: not its `hash`, its
 * disclosure or a stored document's own fields. What the hash covers, and
 * what a server may hand on of a stored entry.
 */
export function v2BodyOf(entry: AccessLogEntryV2Body): AccessLogEntryV2Body {
  const { v, seq, at, actorOrg, actorRole, actorSubDigest, purpose, section, keyVersion, prevHash } = entry;
  return { v, seq, at, actorOrg, actorRole, actorSubDigest, purpose, section, keyVersion, prevHash };
}

/** Only the listed fields: the disclosure, `hash` and a stored document's own fields are not hashed. */
export function hashOfV2(body: AccessLogEntryV2Body): string {
  return chainHash(body.prevHash, v2BodyOf(body));
}
