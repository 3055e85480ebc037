/** Why a JWKS fetch gave no usable key set; logged (with the issuer), never sent to a caller. */
export type JwksFailureReason =
  | 'unreachable'
  | 'timeout'
  | 'http_status'
  | 'too_large'
  | 'not_json'
  | 'not_a_key_set'
  | 'no_usable_keys'
  | 'ambiguous_kid';

export class JwksFailure extends Error {
  constructor(
    readonly reason: JwksFailureReason,
    /** The HTTP status, for `http_status`. */
    readonly status?: number,
  ) {
    super(`JWKS unusable: ${reason}${status === undefined ? '' : ` (${status})`}`);
    this.name = 'JwksFailure';
  }
}
