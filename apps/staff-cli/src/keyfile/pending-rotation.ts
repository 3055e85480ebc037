import { type KeyRotationStatement, type OrgKeys, canonicalJson, toPublicKeyRecord } from '@app/crypto';
import { readFile, rm } from 'node:fs/promises';
import { replacePrivateFile } from '../files/private-file';

// A rotation is written to the keyfile before intake hears of it, so the new
// private keys can never be lost; until intake has it, the signed statement
// (public data) waits next to the keyfile, and the next `keys rotate` sends
// it again instead of making yet another version.

export function pendingRotationPath(keyfilePath: string): string {
  return `${keyfilePath}.pending-rotation.json`;
}

export async function savePendingRotation(keyfilePath: string, statement: KeyRotationStatement): Promise<void> {
  await replacePrivateFile(pendingRotationPath(keyfilePath), `${JSON.stringify(statement)}\n`);
}

export async function clearPendingRotation(keyfilePath: string): Promise<void> {
  await rm(pendingRotationPath(keyfilePath), { force: true });
}

/**
 * The stored statement if it announces exactly `latest` (the newest version
 * in the keyfile). One for anything else is stale (a run that stopped before
 * the keyfile was written) and is ignored.
 */
export async function pendingRotationFor(
  keyfilePath: string,
  latest: OrgKeys,
): Promise<KeyRotationStatement | undefined> {
  let text: string;
  try {
    text = await readFile(pendingRotationPath(keyfilePath), 'utf8');
  } catch {
    return undefined;
  }
  try {
    const statement = JSON.parse(text) as KeyRotationStatement;
    return canonicalJson(statement.record) === canonicalJson(toPublicKeyRecord(latest)) ? statement : undefined;
  } catch {
    return undefined;
  }
}
