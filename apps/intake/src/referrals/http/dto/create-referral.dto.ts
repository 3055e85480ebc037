import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  Equals,
  IsArray,
  IsIn,
  IsObject,
  IsOptional,
  Matches,
  ValidateNested,
} from 'class-validator';
import {
  CASE_SECTIONS,
  NEED_CATEGORIES,
  PURPOSES,
  REFERRAL_ID_PATTERN,
  type CaseSection,
  type NeedCategory,
  type Purpose,
} from '@app/contracts';
import { ENVELOPE_ALG } from '@app/crypto';
import { IsInstant } from '@app/platform';
import { type SealedNote } from '../../domain/referral';
import { ORG_ID } from '../../../key-directory/http/org-id.param';

const KEY_ID = /^[A-Za-z0-9_-]{22}$/;
/** base64url of a sealed box of a note and its bound context (the SDK bounds it at 8,240 bytes). */
const SEALED = /^[A-Za-z0-9_-]{64,11000}$/;

export class SealedNoteDto implements SealedNote {
  @ApiProperty({ enum: [1] })
  @Equals(1)
  v!: number;

  @ApiProperty({ enum: [ENVELOPE_ALG] })
  @Equals(ENVELOPE_ALG)
  alg!: string;

  @ApiProperty({ pattern: ORG_ID.source, example: 'org_border_asylum' })
  @Matches(ORG_ID)
  recipientOrgId!: string;

  @ApiProperty({ pattern: KEY_ID.source, description: "Id of the partner's X25519 key it is sealed to." })
  @Matches(KEY_ID)
  recipientKeyId!: string;

  @ApiProperty({ pattern: SEALED.source, description: 'base64url sealed box (SDK sealReferralNote).' })
  @Matches(SEALED)
  sealed!: string;
}

export class CreateReferralDto {
  @ApiProperty({
    pattern: REFERRAL_ID_PATTERN.source,
    example: 'ref_Xq3v9KpL2mN8bR4tY6wZ0a',
    description: 'Made by the SDK (newReferralId), so that the sealed note can name it.',
  })
  @Matches(REFERRAL_ID_PATTERN, { message: 'referralId must be ref_ and 22 base64url characters' })
  referralId!: string;

  @ApiProperty({ pattern: ORG_ID.source, example: 'org_border_asylum' })
  @Matches(ORG_ID, { message: 'partnerOrgId must be an organization id' })
  partnerOrgId!: string;

  @ApiProperty({ enum: PURPOSES, example: 'legal_representation' })
  @IsIn(PURPOSES)
  purpose!: Purpose;

  @ApiProperty({
    enum: CASE_SECTIONS,
    isArray: true,
    uniqueItems: true,
    minItems: 1,
    maxItems: CASE_SECTIONS.length,
    example: ['identity', 'legal'],
    description: "The sections the partner gets on acceptance; the client's consent must cover each.",
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(CASE_SECTIONS.length)
  @ArrayUnique()
  @IsIn(CASE_SECTIONS, { each: true })
  sections!: CaseSection[];

  @ApiProperty({ enum: NEED_CATEGORIES, example: 'legal', description: "One of the case's routed need categories." })
  @IsIn(NEED_CATEGORIES)
  needCategory!: NeedCategory;

  @ApiPropertyOptional({
    type: 'string',
    format: 'date-time',
    description: 'RFC 3339; the partner must answer before it. Default 7 days from now, at most 30.',
  })
  @IsOptional()
  @IsInstant()
  respondBy?: string;

  @ApiPropertyOptional({
    type: SealedNoteDto,
    description: 'A short note sealed to the partner; all it reads before accepting.',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => SealedNoteDto)
  note?: SealedNoteDto;

  @ApiProperty({
    type: 'array',
    items: { type: 'object' },
    minItems: 1,
    maxItems: CASE_SECTIONS.length,
    description:
      "KeyEnvelopes, one per section: the section's current data key sealed to the partner (SDK rewrapForGrantee). " +
      'Intake holds them until the partner accepts.',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(CASE_SECTIONS.length)
  envelopes!: unknown[];
}
