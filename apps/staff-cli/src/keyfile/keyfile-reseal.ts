import { type KeyfileLimits, type OrgKeys, sealKeyfile } from '@app/crypto';
import { readFile, stat } from 'node:fs/promises';
import { replacePrivateFile } from '../files/private-file';

/** What became of a keyfile found below the SDK's Argon2id floor. */
export type ResealOutcome =
  | { readonly kind: 'resealed'; readonly from: KeyfileLimits; readonly to: KeyfileLimits }
  /** `reason`: a short cause, an error code at most (never a message, which may quote a path). */
  | { readonly kind: 'kept'; readonly from: KeyfileLimits; readonly reason: string };

/**
 * Seals the keys again at `limits` and replaces the file in place: atomically
 * (a new file, then a rename), with the mode the old file had, so a user who
 * chose 0400 keeps it. The keys are unchanged; only the passphrase's cost
 * goes up. Never throws: the keys are open and the command can go on, so a
 * failure here is reported, not fatal.
 */
export async function resealInPlace(input: {
  readonly path: string;
  /** The bytes the keys were opened from. */
  readonly opened: Uint8Array;
  readonly keys: readonly OrgKeys[];
  readonly passphrase: string;
  readonly from: KeyfileLimits;
  readonly limits: KeyfileLimits;
}): Promise<ResealOutcome> {
  const { path, from } = input;
  try {
    const keyfile = await sealKeyfile(input.keys, input.passphrase, input.limits);
    const { mode } = await stat(path);
    // Another run (a `keys rotate`) may have written the file while this one
    // derived keys for seconds: replacing it then would drop its new key
    // version, the only copy of a private key. Checked last, right before the
    // rename, to keep that window as short as it can be without a lock.
    if (!Buffer.from(await readFile(path)).equals(Buffer.from(input.opened)))
      return { kind: 'kept', from, reason: 'the file changed meanwhile' };
    await replacePrivateFile(path, `${JSON.stringify(keyfile, null, 2)}\n`, mode & 0o777);
    return { kind: 'resealed', from, to: input.limits };
  } catch (error) {
    return { kind: 'kept', from, reason: reasonOf(error) };
  }
}

// A code, never a message: a library's message may quote a path or a value.
function reasonOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[A-Z][A-Z0-9_.]{0,63}$/.test(code) ? code : 'unexpected failure';
}
