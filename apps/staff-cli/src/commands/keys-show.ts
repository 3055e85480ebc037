import { KeyMismatchError, parsePublicKeyRecord } from '@app/crypto';
import { currentKeys } from '../api/keys-api';
import { type Fingerprints, fingerprintsOf } from '../directory/fingerprint';
import { type Command, json } from './command';

export const keysShow: Command = {
  name: 'keys show',
  summary: "An organization's current keys from the directory, with fingerprints to compare by phone.",
  options: [],
  arguments: [{ name: 'orgId', description: 'the organization whose keys to show' }],
  async run({ positionals }, context) {
    const orgId = positionals[0] ?? '';
    const answer = await currentKeys(context.intake(), orgId);
    const record = parsePublicKeyRecord(answer.record);
    if (record.orgId !== orgId) throw new KeyMismatchError('key directory: answered with another organization');
    // Computed here from the validated keys; intake's own fingerprints are only compared.
    const fingerprints = fingerprintsOf(record);
    return json({
      orgId,
      keyVersion: record.keyVersion,
      encryptionKeyId: record.encryptionKeyId,
      signingKeyId: record.signingKeyId,
      fingerprints,
      directoryFingerprintsAgree:
        answer.fingerprints === undefined || sameFingerprints(answer.fingerprints, fingerprints),
    });
  },
};

function sameFingerprints(claimed: unknown, computed: Fingerprints): boolean {
  const o = (typeof claimed === 'object' && claimed !== null ? claimed : {}) as Record<string, unknown>;
  return o.encryption === computed.encryption && o.signing === computed.signing;
}
