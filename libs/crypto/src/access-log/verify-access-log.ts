import { loadSodium } from '../sodium';
import { tryParse, walkChain } from './chain-walk';
import {
  type AccessLogHead,
  type AccessLogVerification,
  GENESIS_CHECKPOINT,
  broken,
  intact,
  parseHead,
} from './verification';

/**
 * Verifies a whole chain: entries in seq order from 1 with no gaps, each
 * linked to the previous hash and hashing to its own `hash` (withheld ones:
 * linked only). Alone that cannot tell a chain from the same chain with its
 * newest entries cut off, so `expectedHead` is a lower bound: an entry with
 * that seq and hash must be there (entries after it are fine: the log only
 * grows). Never throws on what a server sent; it reports the first break
 * instead. For a log read in pages, see verifyAccessLogPage.
 */
export async function verifyAccessLog(entries: unknown, expectedHead?: AccessLogHead): Promise<AccessLogVerification> {
  await loadSodium();
  if (!Array.isArray(entries)) return broken('MALFORMED', 0, 0);
  const head = expectedHead === undefined ? undefined : tryParse(() => parseHead(expectedHead, 'expected head'));
  if (expectedHead !== undefined && head === undefined) return broken('MALFORMED', 0, 0);

  const walk = walkChain(entries as readonly unknown[], GENESIS_CHECKPOINT);
  const { links, withheld } = walk;
  if (walk.broken) return broken(walk.broken.reason, links.length, withheld, walk.broken.seq);

  if (head !== undefined && head.seq > 0) {
    const atHead = links[head.seq - 1];
    if (atHead === undefined) return broken('HEAD_MISSING', links.length, withheld, links.length + 1);
    if (atHead.hash !== head.hash) return broken('HEAD_MISMATCH', links.length, withheld, head.seq);
  }
  return intact(links.length, withheld);
}
