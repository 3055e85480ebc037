import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ACCESS_LOG_BREAK_REASONS, type AccessLogBreakReason } from '@app/crypto';

export class AccessLogEntryView {
  @ApiProperty({ description: 'Position in the case’s log, from 1, without gaps.' }) seq!: number;
  @ApiProperty({ description: 'When the envelope was handed out (ISO 8601, UTC).' }) at!: string;
  @ApiProperty({ description: 'Token subject of the person who received it.' }) actorSub!: string;
  @ApiProperty({ description: 'Their organization.' }) actorOrg!: string;
  @ApiProperty() purpose!: string;
  @ApiProperty() section!: string;
  @ApiProperty({ description: 'Key version of the section whose envelope was handed out.' }) keyVersion!: number;
  @ApiProperty({ description: 'hash of the previous entry; for seq 1, 32 zero bytes (base64url).' }) prevHash!: string;
  @ApiProperty({
    description: 'BLAKE2b-256(prevHash bytes || RFC 8785 canonical JSON of the other fields), base64url.',
  })
  hash!: string;
}

export class AccessLogVerificationView {
  @ApiProperty() valid!: boolean;
  @ApiProperty({ description: 'Entries verified from seq 1 before the first break.' }) checked!: number;
  @ApiPropertyOptional({ description: 'First seq that is not intact.' }) brokenAtSeq?: number;
  @ApiPropertyOptional({ enum: ACCESS_LOG_BREAK_REASONS }) reason?: AccessLogBreakReason;
}

/** A case's access log and the server's verification of it; clients re-check it with the SDK's verifyAccessLog. */
export class AccessLogView {
  @ApiProperty({ type: [AccessLogEntryView] }) entries!: AccessLogEntryView[];
  @ApiProperty({ type: AccessLogVerificationView }) verification!: AccessLogVerificationView;
}
