import { type KeyRotationStatement, type OrgPublicKeyRecord } from '@app/crypto';
import { type IntakeClient } from '../http/intake-client';
import { asArray, asObject } from './response';

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

/** `{orgId, versions, head}`: every key version with its rotation signature; the SDK checks the chain. */
export async function keyHistory(api: IntakeClient, orgId: string): Promise<readonly unknown[]> {
  const body = asObject(await api.get(['organizations', orgId, 'keys', 'history']), 'key history');
  return asArray(body.versions, 'key history.versions');
}

/** The directory's signed head; verifyDirectoryHead checks it. */
export function directoryHead(api: IntakeClient): Promise<unknown> {
  return api.get(['key-directory', 'head']);
}

/** Log entries after `after`, at most one page (intake's limit). */
export async function directoryLogPage(api: IntakeClient, after: number): Promise<readonly unknown[]> {
  const body = asObject(await api.get(['key-directory', 'log'], { after: String(after) }), 'key directory log');
  return asArray(body.entries, 'key directory log.entries');
}
