import { orgKeysFingerprint, toPublicKeyRecord } from '@app/crypto';
import { registerKeys } from '../api/keys-api';
import { fingerprintsOf } from '../directory/fingerprint';
import { CLI_ERROR_CODES, CliError } from '../errors/cli-error';
import { type Command, json } from './command';

export const keysRegister: Command = {
  name: 'keys register',
  summary: "Register the keyfile's first key version (public keys only) in intake's key directory.",
  note: 'Needs an org_admin token in REFUGIO_TOKEN and the keyfile (--keyfile or REFUGIO_KEYFILE).',
  options: [],
  arguments: [],
  async run(_input, context) {
    const { ring } = await context.keyRing();
    const first = ring.find((keys) => keys.keyVersion === 1);
    if (!first) throw new CliError(CLI_ERROR_CODES.INPUT_INVALID, 'keyfile: has no key version 1; use keys rotate');
    const record = toPublicKeyRecord(first);
    await registerKeys(context.intake(), record);
    return json({
      orgId: record.orgId,
      keyVersion: record.keyVersion,
      registered: true,
      fingerprint: await orgKeysFingerprint(record),
      fingerprints: fingerprintsOf(record),
    });
  },
};
