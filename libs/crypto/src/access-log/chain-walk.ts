import { MalformedInputError } from '../errors';
import { requireObject } from '../validate';
import { type AccessLogEntry, disclosureMismatch, hashOfBody, parseAccessLogEntry } from './access-log-entry';
import { type WithheldAccessLogEntry, parseWithheldEntry } from './withheld-entry';
import { type AccessLogBreakReason, type AccessLogHead } from './verification';

/** The entries a walk accepted, as {seq, hash}, in order; and the first break, if any. */
export interface ChainWalk {
  readonly links: readonly AccessLogHead[];
  readonly withheld: number;
  readonly broken?: { readonly reason: AccessLogBreakReason; readonly seq: number };
}

/**
 * Follows `list` from the checkpoint `from` (GENESIS_CHECKPOINT for a whole
 * chain): entry i must have seq from.seq + 1 + i, name the hash of the entry
 * before it, and, unless withheld, hash to its own `hash` (and open its
 * digest, if it discloses a subject). Synchronous: libsodium must be loaded.
 */
export function walkChain(list: readonly unknown[], from: AccessLogHead): ChainWalk {
  const links: AccessLogHead[] = [];
  let withheld = 0;
  let previous = from;
  for (const [index, value] of list.entries()) {
    const seq = from.seq + 1 + index;
    const entry = tryParse(() => parseShownEntry(value));
    if (entry === undefined) return { links, withheld, broken: { reason: 'MALFORMED', seq } };
    const reason = linkBreak(entry, seq, previous.hash, list, index);
    if (reason !== undefined) return { links, withheld, broken: { reason, seq } };
    if ('withheld' in entry) withheld += 1;
    previous = { seq, hash: entry.hash };
    links.push(previous);
  }
  return { links, withheld };
}

type ShownEntry = AccessLogEntry | WithheldAccessLogEntry;

function parseShownEntry(value: unknown): ShownEntry {
  const o = requireObject(value, 'access log entry');
  return o.withheld === undefined
    ? parseAccessLogEntry(o, 'access log entry')
    : parseWithheldEntry(o, 'access log entry');
}

function linkBreak(
  entry: ShownEntry,
  seq: number,
  prevHash: string,
  list: readonly unknown[],
  index: number,
): AccessLogBreakReason | undefined {
  // Ahead of its position: the expected entry is either further on (moved) or nowhere (removed).
  if (entry.seq > seq) return list.some((value, at) => at > index && hasSeq(value, seq)) ? 'SEQ_ORDER' : 'SEQ_GAP';
  if (entry.seq < seq) return 'SEQ_ORDER';
  // Strict base64url decoding admits one spelling per value, so comparing strings compares bytes.
  if (entry.prevHash !== prevHash) return 'PREV_HASH_MISMATCH';
  // A withheld entry's hash covers fields its viewer is not shown: only its link can be checked.
  if ('withheld' in entry) return undefined;
  if (hashOfBody(entry) !== entry.hash) return 'HASH_MISMATCH';
  if (disclosureMismatch(entry)) return 'ACTOR_SUB_MISMATCH';
  return undefined;
}

function hasSeq(value: unknown, seq: number): boolean {
  return typeof value === 'object' && value !== null && (value as { seq?: unknown }).seq === seq;
}

/** Malformed input becomes a result; any other error (libsodium missing) still throws. */
export function tryParse<T>(parse: () => T): T | undefined {
  try {
    return parse();
  } catch (error) {
    if (error instanceof MalformedInputError) return undefined;
    throw error;
  }
}
