import { rejectionReason, TokenRejected } from './token-rejected';

function named(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

describe('rejectionReason', () => {
  it.each([
    [new TokenRejected('unknown_key'), 'unknown_key'],
    [named('TokenExpiredError', 'jwt expired'), 'expired'],
    [named('NotBeforeError', 'jwt not active'), 'not_yet_valid'],
    [new Error('No auth token'), 'missing'],
    [named('JsonWebTokenError', 'invalid algorithm'), 'algorithm'],
    [named('JsonWebTokenError', 'jwt audience invalid. expected: refugio-api'), 'audience'],
    [named('JsonWebTokenError', 'jwt issuer invalid. expected: http://idp'), 'issuer'],
    [named('JsonWebTokenError', 'invalid signature'), 'signature'],
    [named('JsonWebTokenError', 'jwt malformed'), 'malformed'],
    [named('JsonWebTokenError', 'something new'), 'invalid'],
    ['a string', 'invalid'],
    [undefined, 'invalid'],
  ])('maps %p to %s', (info, reason) => {
    expect(rejectionReason(info)).toBe(reason);
  });
});
