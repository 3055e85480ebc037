import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { type DirectoryLogEntry, type OrgPublicKeyRecord, type SignedDirectoryHead } from '@app/crypto';
import { DirectoryHeadView } from './directory-head.view';

class RotationProofView {
  @ApiProperty({ description: 'Signing key id of the version before.' }) signedByKeyId!: string;
  @ApiProperty({ description: "Ed25519 by that key over the record's canonical JSON, base64url." }) signature!: string;
}

export class DirectoryLogEntryView {
  @ApiProperty({ description: 'Position in the log, from 1, without gaps.' }) index!: number;
  @ApiProperty() orgId!: string;
  @ApiProperty() keyVersion!: number;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The OrgPublicKeyRecord registered.' })
  record!: OrgPublicKeyRecord;
  @ApiPropertyOptional({ type: RotationProofView, description: 'Absent for key version 1.' })
  rotation?: RotationProofView;
  @ApiProperty({ description: 'ISO 8601, UTC.' }) registeredAt!: string;
  @ApiProperty({
    description:
      'BLAKE2b-256(previous entry hash || RFC 8785 canonical JSON of the other fields), base64url; entry 1 follows ' +
      '32 zero bytes.',
  })
  hash!: string;
}

export class DirectoryLogView {
  @ApiProperty({ type: [DirectoryLogEntryView] }) entries!: DirectoryLogEntryView[];
  @ApiProperty({ type: DirectoryHeadView }) head!: DirectoryHeadView;

  static of(entries: DirectoryLogEntry[], head: SignedDirectoryHead): DirectoryLogView {
    return { entries, head };
  }
}

/** An organization's versions, each the log entry that registered it. */
export class KeyHistoryView {
  @ApiProperty() orgId!: string;
  @ApiProperty({
    type: [DirectoryLogEntryView],
    description: "Oldest first; the SDK's verifyKeyHistory checks each rotation from the version the client trusts.",
  })
  versions!: DirectoryLogEntryView[];
  @ApiProperty({ type: DirectoryHeadView }) head!: DirectoryHeadView;

  static of(orgId: string, versions: DirectoryLogEntry[], head: SignedDirectoryHead): KeyHistoryView {
    return { orgId, versions, head };
  }
}
