import { type KeyRotationStatement, orgKeysFingerprint, rotateOrgKeys } from '@app/crypto';
import { registerRotation } from '../api/keys-api';
import { fingerprintsOf } from '../directory/fingerprint';
import { replaceKeyfile } from '../keyfile/keyfile-store';
import { clearPendingRotation, pendingRotationFor, savePendingRotation } from '../keyfile/pending-rotation';
import { type Command, json } from './command';

export const keysRotate: Command = {
  name: 'keys rotate',
  summary:
    'Make the next key version, add it to the keyfile (old versions stay, to open ' +
    'old envelopes) and register it, signed by the current key.',
  note: 'Needs an org_admin token in REFUGIO_TOKEN and the keyfile (--keyfile or REFUGIO_KEYFILE).',
  options: [],
  arguments: [],
  async run(_input, context) {
    const path = context.keyfilePath();
    const { ring, limits } = await context.keyfile();
    const { current } = await context.keyRing();
    const api = context.intake();

    // A previous run wrote the new version to the keyfile but intake never confirmed it: send it again.
    const pending = await pendingRotationFor(path, current);
    if (pending) {
      await registerRotation(api, pending);
      await clearPendingRotation(path);
      return json(await rotated(pending, true));
    }

    const { keys, statement } = await rotateOrgKeys(current);
    await savePendingRotation(path, statement);
    await replaceKeyfile(path, [...ring, keys], context.passphrase(), limits);
    await registerRotation(api, statement);
    await clearPendingRotation(path);
    return json(await rotated(statement, false));
  },
};

async function rotated(
  statement: KeyRotationStatement,
  resumed: boolean,
): Promise<{ [key: string]: string | number | boolean | { encryption: string; signing: string } }> {
  const { record } = statement;
  return {
    fingerprint: await orgKeysFingerprint(record),
    orgId: record.orgId,
    keyVersion: record.keyVersion,
    previousSigningKeyId: statement.signedByKeyId,
    resumed,
    fingerprints: fingerprintsOf(record),
  };
}
