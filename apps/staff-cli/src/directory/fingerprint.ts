import { type OrgPublicKeyRecord, keyFingerprint } from '@app/crypto';

export type Fingerprints = { readonly encryption: string; readonly signing: string };

/** Computed from the validated record, so the fingerprints shown are those of the keys the CLI will use. */
export function fingerprintsOf(record: OrgPublicKeyRecord): Fingerprints {
  return { encryption: keyFingerprint(record.encryptionKeyId), signing: keyFingerprint(record.signingKeyId) };
}
