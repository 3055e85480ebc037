import {
  CryptoError,
  DIRECTORY_LOG_GENESIS,
  type DirectoryLogPosition,
  type SignedDirectoryHead,
  extendDirectoryLog,
  keyFingerprint,
  orgKeysFingerprintSync,
  verifyDirectoryHead,
} from '@app/crypto';
import { directoryHead, directoryLogPage } from '../api/keys-api';
import { CLI_ERROR_CODES, CliError } from '../errors/cli-error';
import { type IntakeClient } from '../http/intake-client';
import { type TrustState } from './trust-store';

/**
 * Brings what this CLI knows of the key directory log up to the directory's
 * signed head: the head must be signed by the key pinned on first use, and
 * the entries since the position remembered must continue it hash by hash.
 * A log that shrank, forked or was rewritten is refused, and so is every key
 * from that directory until a person looks into it. Records, per
 * organization, the newest version the log shows, which the organization's
 * served keys must match.
 */
export async function syncDirectoryLog(api: IntakeClient, state: TrustState): Promise<SignedDirectoryHead> {
  const head = await verifiedHead(api);
  const known = state.directory;
  if (known && known.keyId !== head.keyId)
    throw untrusted(
      `intake's key directory now signs with key ${keyFingerprint(head.keyId)}, not ${keyFingerprint(known.keyId)} ` +
        'as before; if its operators confirm the change, run: keys trust-directory <fingerprint>',
    );
  const from: DirectoryLogPosition = known ?? { size: 0, hash: DIRECTORY_LOG_GENESIS };
  if (head.size < from.size)
    throw untrusted(`the key directory log shrank from ${from.size} to ${head.size} entries: it was rewritten`);
  let position = from;
  while (position.size < head.size) {
    const page = await directoryLogPage(api, position.size);
    if (page.length === 0) throw untrusted(`the key directory log ends at ${position.size}, before its head`);
    const extended = await extendDirectoryLog(position, page.slice(0, head.size - position.size)).catch(
      (error: unknown) => {
        if (error instanceof CryptoError)
          throw untrusted(
            `the key directory log does not continue the ${from.size} entries this CLI verified ` +
              '(it was rewritten, or it shows clients different logs)',
          );
        throw error;
      },
    );
    for (const entry of extended.entries) {
      if ((state.logged[entry.orgId]?.keyVersion ?? 0) <= entry.keyVersion)
        state.logged[entry.orgId] = { keyVersion: entry.keyVersion, fingerprint: orgKeysFingerprintSync(entry.record) };
    }
    position = extended.position;
  }
  if (position.hash !== head.hash)
    throw untrusted(
      `the key directory's signed head does not match its log at ${head.size} entries ` +
        '(it was rewritten, or it shows clients different logs)',
    );
  state.directory = { keyId: head.keyId, publicKey: head.publicKey, size: head.size, hash: head.hash };
  return head;
}

/** The directory's head, its signature checked (whether its key is the one pinned is the caller's check). */
export async function verifiedHead(api: IntakeClient): Promise<SignedDirectoryHead> {
  try {
    return await verifyDirectoryHead(await directoryHead(api));
  } catch (error) {
    if (error instanceof CryptoError) throw untrusted("the key directory's head does not verify");
    throw error;
  }
}

function untrusted(message: string): CliError {
  return new CliError(CLI_ERROR_CODES.DIRECTORY_UNTRUSTED, message);
}
