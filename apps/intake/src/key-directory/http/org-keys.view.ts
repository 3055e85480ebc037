import { ApiProperty } from '@nestjs/swagger';
import { type OrgPublicKeyRecord, initCrypto, keyFingerprint, orgKeysFingerprintSync } from '@app/crypto';

class KeyFingerprints {
  @ApiProperty({ example: '3f9a 01c2 77de 5b10 c4e8 9a02 6f31 d0b7' }) encryption!: string;
  @ApiProperty({ example: 'a41c 9e07 2b5d 88f0 13c6 e9a4 7d02 5bb8' }) signing!: string;
}

export class OrgKeysView {
  @ApiProperty() orgId!: string;
  @ApiProperty() keyVersion!: number;
  @ApiProperty({
    type: 'object',
    description:
      'The OrgPublicKeyRecord as registered; parse it with the SDK (parsePublicKeyRecord checks each key id).',
    additionalProperties: true,
  })
  record!: OrgPublicKeyRecord;
  @ApiProperty({
    description:
      "The SDK's orgKeysFingerprint of the record (both keys, organization and version): what people compare by " +
      'phone and clients pin. Clients compute it themselves; this copy is for display.',
    example: '9c1e 4b07 d2a8 0f53 66e1 b9c4 2a7d 8e10',
  })
  fingerprint!: string;
  @ApiProperty({ type: KeyFingerprints }) fingerprints!: KeyFingerprints;

  static async of(record: OrgPublicKeyRecord): Promise<OrgKeysView> {
    await initCrypto();
    return {
      orgId: record.orgId,
      keyVersion: record.keyVersion,
      record,
      fingerprint: orgKeysFingerprintSync(record),
      fingerprints: {
        encryption: keyFingerprint(record.encryptionKeyId),
        signing: keyFingerprint(record.signingKeyId),
      },
    };
  }
}
