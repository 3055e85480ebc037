import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ACCESS_LOG_BREAK_REASONS, type AccessLogBreakReason } from '@app/crypto';

const HASH =
  'Format 2: BLAKE2b-256(prevHash bytes || RFC 8785 canonical JSON of {v, seq, at, actorOrg, actorRole, ' +
  'actorSubDigest, purpose, section, keyVersion, prevHash}); format 1: of {seq, at, actorSub, actorOrg, purpose, ' +
  'section, keyVersion, prevHash}. Base64url.';

/** Fields both views share; which others appear depends on the entry's format (docs/consent-api.md). */
class AccessLogEntryFields {
  @ApiPropertyOptional({ enum: [2], description: 'Entry format; absent for format 1 (entries stored before 2).' })
  v?: 2;
  @ApiProperty({ description: 'Position in the case’s log, from 1, without gaps.' }) seq!: number;
  @ApiProperty({ description: 'hash of the previous entry; for seq 1, 32 zero bytes (base64url).' }) prevHash!: string;
  @ApiProperty({ description: HASH }) hash!: string;
  @ApiPropertyOptional({ description: 'Organization of the person who received the envelope.' }) actorOrg?: string;
  @ApiPropertyOptional({ description: 'Format 2: their role that allowed the purpose.' }) actorRole?: string;
  @ApiPropertyOptional({
    description: 'Format 2: BLAKE2b-256(actorSalt bytes || UTF-8 of their token subject), base64url.',
  })
  actorSubDigest?: string;
  @ApiPropertyOptional({ description: 'When the envelope was handed out (ISO 8601, UTC).' }) at?: string;
  @ApiPropertyOptional() purpose?: string;
  @ApiPropertyOptional() section?: string;
  @ApiPropertyOptional({ description: 'Key version of the section whose envelope was handed out.' })
  keyVersion?: number;
}

/** The owner's view: every entry whole, a format 2 entry with the opening of its digest. */
export class OwnerAccessLogEntryView extends AccessLogEntryFields {
  @ApiProperty({ description: 'Token subject of the person who received it (format 2: not hashed, digested).' })
  actorSub!: string;
  @ApiPropertyOptional({ description: 'Format 2: the 16-byte salt of actorSubDigest (base64url).' })
  actorSalt?: string;
}

/** The receipt holder's view: format 2 entries without subject or salt, format 1 entries withheld. */
export class ReceiptAccessLogEntryView extends AccessLogEntryFields {
  @ApiPropertyOptional({
    enum: [true],
    description: 'A format 1 entry: only seq, prevHash and hash are shown (its hash covers the staff subject).',
  })
  withheld?: true;
}

export class AccessLogHeadView {
  @ApiProperty({ description: 'The newest entry’s seq (0: no entry yet).' }) seq!: number;
  @ApiProperty({ description: 'Its hash (for seq 0, 32 zero bytes).' }) hash!: string;
}

export class AccessLogVerificationView {
  @ApiProperty() valid!: boolean;
  @ApiProperty({ description: 'Entries of the page verified from `after` before the first break.' })
  checked!: number;
  @ApiPropertyOptional({ description: 'Of those, withheld entries: linked, but their hash not recomputable.' })
  withheld?: number;
  @ApiPropertyOptional({ description: 'First seq that is not intact.' }) brokenAtSeq?: number;
  @ApiPropertyOptional({ enum: ACCESS_LOG_BREAK_REASONS }) reason?: AccessLogBreakReason;
}

const PAGE =
  'Entries after `after`, at most `limit`, never past `head`; verified by intake from the stored entry at `after`. ' +
  "Check them yourself with the SDK's verifyAccessLogPage from the last entry you verified.";

/** One page of a case's access log, as its owner reads it. */
export class OwnerAccessLogView {
  @ApiProperty({ type: [OwnerAccessLogEntryView], description: PAGE }) entries!: OwnerAccessLogEntryView[];
  @ApiProperty({ type: AccessLogHeadView }) head!: AccessLogHeadView;
  @ApiProperty({ type: AccessLogVerificationView }) verification!: AccessLogVerificationView;
}

/** One page of a case's access log, as the holder of a receipt code reads it. */
export class ReceiptAccessLogView {
  @ApiProperty({ type: [ReceiptAccessLogEntryView], description: PAGE }) entries!: ReceiptAccessLogEntryView[];
  @ApiProperty({ type: AccessLogHeadView }) head!: AccessLogHeadView;
  @ApiProperty({ type: AccessLogVerificationView }) verification!: AccessLogVerificationView;
}
