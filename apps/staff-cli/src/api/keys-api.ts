import { type KeyRotationStatement, type OrgPublicKeyRecord } from '@app/crypto';
import { type IntakeClient } from '../http/intake-client';
import { asObject } from './response';

// Key directory endpoints (docs/consent-api.md, "Key directory").

export function registerKeys(api: IntakeClient, record: OrgPublicKeyRecord): Promise<unknown> {
  return api.post(['organizations', 'me', 'keys'], record);
}

export function registerRotation(api: IntakeClient, statement: KeyRotationStatement): Promise<unknown> {
  return api.post(['organizations', 'me', 'keys', 'rotations'], statement);
}

/** `{orgId, current, fingerprints}` per the document; the record itself still needs parsePublicKeyRecord. */
export async function currentKeys(
  api: IntakeClient,
  orgId: string,
): Promise<{ record: unknown; fingerprints?: unknown }> {
  const body = asObject(await api.get(['organizations', orgId, 'keys']), 'keys');
  return { record: keyRecordIn(body), fingerprints: body.fingerprints };
}

export async function keysAtVersion(api: IntakeClient, orgId: string, keyVersion: number): Promise<unknown> {
  return keyRecordIn(asObject(await api.get(['organizations', orgId, 'keys', keyVersion]), 'keys'));
}

/**
 * The public key record in an answer: under `current` (the document), under
 * `record`, or the answer itself. Whichever it is, the caller validates it.
 */
export function keyRecordIn(body: Record<string, unknown>): unknown {
  if (body.current !== undefined) return body.current;
  if (body.record !== undefined) return body.record;
  return body;
}
