import { type OrgPublicKeyRecord } from '@app/crypto';

/** A key id grouped by four for reading aloud over the phone (docs/consent-api.md). */
export function fingerprintOf(keyId: string): string {
  return keyId.match(/.{1,4}/g)?.join('-') ?? keyId;
}

export type Fingerprints = { readonly encryption: string; readonly signing: string };

/** Computed from the validated record, so the fingerprints shown are those of the keys the CLI will use. */
export function fingerprintsOf(record: OrgPublicKeyRecord): Fingerprints {
  return { encryption: fingerprintOf(record.encryptionKeyId), signing: fingerprintOf(record.signingKeyId) };
}
