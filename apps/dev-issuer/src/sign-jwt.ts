import { importJWK, type JWTHeaderParameters, type JWTPayload, SignJWT } from 'jose';
import { SIGNING_ALGORITHM, type SigningKey } from './signing-key';

/** Header fields a caller may add; `alg` and `kid` always describe the real key. */
export type ExtraHeader = Omit<Partial<JWTHeaderParameters>, 'alg' | 'kid'> & Record<string, unknown>;

/** Signs exactly the claims given, with no defaults added. */
export async function signJwt(key: SigningKey, claims: JWTPayload, extraHeader: ExtraHeader = {}): Promise<string> {
  const privateKey = await importJWK(key.privateJwk, SIGNING_ALGORITHM);
  return new SignJWT(claims)
    .setProtectedHeader({ typ: 'JWT', ...extraHeader, alg: SIGNING_ALGORITHM, kid: key.kid })
    .sign(privateKey);
}
