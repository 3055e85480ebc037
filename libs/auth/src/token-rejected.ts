/**
 * Why a token was turned away, as a short code for the log. The caller only
 * ever sees a generic 401: telling an attacker which check failed helps them.
 */
export type RejectionReason =
  | 'missing'
  | 'malformed'
  | 'algorithm'
  | 'unknown_key'
  | 'key_mismatch'
  | 'keys_unavailable'
  | 'signature'
  | 'expired'
  | 'not_yet_valid'
  | 'issuer'
  | 'audience'
  | 'claims'
  /** A trusted issuer naming an organization it is not configured for. */
  | 'organization'
  | 'invalid';

export class TokenRejected extends Error {
  constructor(readonly reason: RejectionReason) {
    super(`token rejected: ${reason}`);
    this.name = 'TokenRejected';
  }
}

// jsonwebtoken's errors carry no codes, only names and fixed message prefixes.
const JSONWEBTOKEN_MESSAGES: ReadonlyArray<readonly [string, RejectionReason]> = [
  ['jwt malformed', 'malformed'],
  ['invalid token', 'malformed'],
  ['invalid algorithm', 'algorithm'],
  ['jwt signature is required', 'algorithm'],
  ['invalid signature', 'signature'],
  ['jwt audience invalid', 'audience'],
  ['jwt issuer invalid', 'issuer'],
];

/** Maps whatever passport-jwt reported (our errors, jsonwebtoken's, its own) to a code. */
export function rejectionReason(info: unknown): RejectionReason {
  if (info instanceof TokenRejected) return info.reason;
  if (!(info instanceof Error)) return 'invalid';
  if (info.name === 'TokenExpiredError') return 'expired';
  if (info.name === 'NotBeforeError') return 'not_yet_valid';
  if (info.message === 'No auth token') return 'missing';
  const known = JSONWEBTOKEN_MESSAGES.find(([prefix]) => info.message.startsWith(prefix));
  return known ? known[1] : 'invalid';
}
