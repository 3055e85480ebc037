import { generateOrgKeys, orgKeysFingerprint, toPublicKeyRecord } from '@app/crypto';
import { requiredString } from '../args/option-values';
import { MIN_PASSPHRASE_LENGTH } from '../context/config';
import { fingerprintsOf } from '../directory/fingerprint';
import { CLI_ERROR_CODES, CliError } from '../errors/cli-error';
import { createKeyfile } from '../keyfile/keyfile-store';
import { type Command, json } from './command';

export const keysInit: Command = {
  name: 'keys init',
  summary: "Generate the organization's key pairs and write them to a new passphrase-sealed keyfile (mode 0600).",
  note: 'The passphrase comes from REFUGIO_PASSPHRASE (never an argument); --keyfile must not exist yet.',
  options: [{ flags: '--org <orgId>', description: 'the organization the keys belong to', required: true }],
  arguments: [],
  async run({ values }, context) {
    const orgId = requiredString(values, 'org');
    const path = context.keyfilePath();
    const passphrase = context.passphrase();
    if ([...passphrase].length < MIN_PASSPHRASE_LENGTH) {
      throw new CliError(
        CLI_ERROR_CODES.CONFIG,
        `REFUGIO_PASSPHRASE: at least ${MIN_PASSPHRASE_LENGTH} characters for a new keyfile`,
      );
    }
    const keys = await generateOrgKeys(orgId);
    await createKeyfile(path, [keys], passphrase, context.keyfileLimits);
    const record = toPublicKeyRecord(keys);
    return json({
      orgId,
      keyVersion: keys.keyVersion,
      keyfile: path,
      encryptionKeyId: record.encryptionKeyId,
      signingKeyId: record.signingKeyId,
      fingerprint: await orgKeysFingerprint(record),
      fingerprints: fingerprintsOf(record),
    });
  },
};
