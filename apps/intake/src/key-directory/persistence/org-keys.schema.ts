import { Schema } from 'mongoose';
import { type OrgPublicKeyRecord } from '@app/crypto';

/** One registered key version: the SDK's public key record, as the organization signed it. */
export interface RegisteredKeyVersion {
  keyVersion: number;
  record: OrgPublicKeyRecord;
  registeredAt: Date;
  registeredBySub: string;
  /** The rotation statement's signature by the previous signing key; absent for version 1. */
  rotationSignature?: string;
}

/** An organization's public keys, every version it ever registered. */
export interface OrgKeysDocument {
  _id: string;
  currentVersion: number;
  versions: RegisteredKeyVersion[];
}

export const orgKeysSchema = new Schema<OrgKeysDocument>(
  {
    _id: { type: String, required: true },
    currentVersion: { type: Number, required: true },
    versions: { type: [Object], required: true },
  },
  { collection: 'org_keys', versionKey: false },
);
