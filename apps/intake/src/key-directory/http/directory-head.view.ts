import { ApiProperty } from '@nestjs/swagger';

/** The SDK's SignedDirectoryHead; verify it with verifyDirectoryHead and compare its keyId with the one pinned. */
export class DirectoryHeadView {
  @ApiProperty({ enum: [1] }) v!: 1;
  @ApiProperty({ enum: ['ed25519'] }) alg!: 'ed25519';
  @ApiProperty({ enum: ['refugio-key-directory'] }) log!: 'refugio-key-directory';
  @ApiProperty({ description: 'Entries in the log.' }) size!: number;
  @ApiProperty({ description: 'Hash of the last entry (32 zero bytes while the log is empty), base64url.' })
  hash!: string;
  @ApiProperty({ description: "BLAKE2b-128 of the directory's Ed25519 public key, base64url: what clients pin." })
  keyId!: string;
  @ApiProperty() publicKey!: string;
  @ApiProperty({
    description: 'Ed25519 over the RFC 8785 canonical JSON of the other fields, base64url.',
  })
  signature!: string;
}
