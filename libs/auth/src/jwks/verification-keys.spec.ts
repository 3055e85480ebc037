import { generateKeyPairSync } from 'node:crypto';
import { JwksFailure } from './jwks-failure';
import { verificationKeysFrom } from './verification-keys';

function ecJwk(extra: Record<string, unknown> = {}): Record<string, unknown> {
  const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { ...publicKey.export({ format: 'jwk' }), kid: 'ec-1', ...extra };
}

function rsaJwk(bits: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: bits });
  return { ...publicKey.export({ format: 'jwk' }), kid: `rsa-${bits}`, ...extra };
}

function reasonOf(document: unknown): string | undefined {
  try {
    verificationKeysFrom(document);
    return undefined;
  } catch (error) {
    return error instanceof JwksFailure ? error.reason : 'not a JwksFailure';
  }
}

describe('verificationKeysFrom', () => {
  it('imports EC P-256 and RSA signing keys, each bound to its one algorithm', () => {
    const keys = verificationKeysFrom({ keys: [ecJwk(), rsaJwk(2048, { alg: 'RS256', use: 'sig' })] });
    expect(keys.get('ec-1')).toMatchObject({ algorithm: 'ES256' });
    expect(keys.get('ec-1')?.publicKey).toMatchObject({ type: 'public', asymmetricKeyType: 'ec' });
    expect(keys.get('rsa-2048')).toMatchObject({ algorithm: 'RS256' });
  });

  it.each([
    ['an encryption key', ecJwk({ kid: 'enc', use: 'enc' })],
    ['a key whose key_ops do not verify', ecJwk({ kid: 'ops', key_ops: ['encrypt'] })],
    ['a key without a kid', ecJwk({ kid: undefined })],
    ['a key declaring another algorithm than its type allows', ecJwk({ kid: 'mismatch', alg: 'RS256' })],
    ['an algorithm we do not accept', ecJwk({ kid: 'es384', alg: 'ES384' })],
    ['an RSA key shorter than 2048 bits', rsaJwk(1024)],
    ['a symmetric key', { kty: 'oct', kid: 'hmac', k: 'c2VjcmV0' }],
    ['an Ed25519 key', { kty: 'OKP', crv: 'Ed25519', kid: 'ed', x: 'AAAA' }],
    ['EC coordinates that are not a point', { kty: 'EC', crv: 'P-256', kid: 'junk', x: 'AAAA', y: 'AAAA' }],
  ])('skips %s and keeps the usable ones', (_label, skipped) => {
    const keys = verificationKeysFrom({ keys: [skipped, ecJwk({ kid: 'usable' })] });
    expect([...keys.keys()]).toEqual(['usable']);
  });

  it('imports only the public members of a key that leaked its private part', () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const keys = verificationKeysFrom({ keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'leaky' }] });
    expect(keys.get('leaky')?.publicKey.type).toBe('public');
  });

  it.each([
    ['not an object', 'keys', 'not_a_key_set'],
    ['without keys', { kees: [] }, 'not_a_key_set'],
    ['with keys that are not a list', { keys: {} }, 'not_a_key_set'],
    [
      'with more keys than any provider publishes',
      { keys: Array.from({ length: 65 }, () => ({ kty: 'EC' })) },
      'not_a_key_set',
    ],
    ['with no usable key', { keys: [] }, 'no_usable_keys'],
    ['giving one kid to two keys', { keys: [ecJwk({ kid: 'same' }), ecJwk({ kid: 'same' })] }, 'ambiguous_kid'],
  ])('refuses a document %s as a whole', (_label, document, reason) => {
    expect(reasonOf(document)).toBe(reason);
  });
});
