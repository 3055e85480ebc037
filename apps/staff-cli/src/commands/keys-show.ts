import { KeyMismatchError, keyFingerprint, orgKeysFingerprint, parsePublicKeyRecord } from '@app/crypto';
import { currentKeys } from '../api/keys-api';
import { type Fingerprints, fingerprintsOf } from '../directory/fingerprint';
import { CLI_ERROR_CODES, CliError } from '../errors/cli-error';
import { type Command, json } from './command';

export const keysShow: Command = {
  name: 'keys show',
  summary:
    "An organization's current keys from the directory, the fingerprint to compare by phone, and whether this CLI " +
    'trusts them (pinning them on first use).',
  note:
    'Pins live beside the keyfile (--keyfile or REFUGIO_KEYFILE) in <keyfile>.trusted-keys.json; without a keyfile ' +
    'they last one run.',
  options: [],
  arguments: [{ name: 'orgId', description: 'the organization whose keys to show' }],
  async run({ positionals }, context) {
    const orgId = positionals[0] ?? '';
    const directory = context.directory();
    const { state, head } = await directory.trustState();
    const answer = await currentKeys(context.intake(), orgId);
    const served = parsePublicKeyRecord(answer.record);
    if (served.orgId !== orgId) throw new KeyMismatchError('key directory: answered with another organization');
    const trust = await directory.verified(orgId).then(
      (verified) => ({ trusted: true, pinnedNow: verified.pinnedNow, current: verified.records.at(-1) ?? served }),
      (error: unknown) => {
        if (error instanceof CliError && error.code === CLI_ERROR_CODES.KEY_UNTRUSTED)
          return { trusted: false, problem: error.message, current: served };
        throw error;
      },
    );
    const record = trust.current;
    // Computed here from the validated keys; intake's own fingerprints are only compared.
    const fingerprints = fingerprintsOf(record);
    const pin = state.pins[orgId];
    return json({
      orgId,
      keyVersion: record.keyVersion,
      fingerprint: await orgKeysFingerprint(record),
      encryptionKeyId: record.encryptionKeyId,
      signingKeyId: record.signingKeyId,
      fingerprints,
      directoryFingerprintsAgree:
        answer.fingerprints === undefined || sameFingerprints(answer.fingerprints, fingerprints),
      trusted: trust.trusted,
      ...('problem' in trust ? { problem: trust.problem } : { pinnedNow: trust.pinnedNow }),
      ...(pin ? { pinned: { keyVersion: pin.keyVersion, fingerprint: pin.fingerprint } } : {}),
      directory: { size: head.size, hash: head.hash, keyFingerprint: keyFingerprint(head.keyId) },
    });
  },
};

function sameFingerprints(claimed: unknown, computed: Fingerprints): boolean {
  const o = (typeof claimed === 'object' && claimed !== null ? claimed : {}) as Record<string, unknown>;
  return o.encryption === computed.encryption && o.signing === computed.signing;
}
