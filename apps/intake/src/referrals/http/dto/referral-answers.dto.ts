import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import {
  REFERRAL_DECLINE_REASONS,
  REFERRAL_ID_PATTERN,
  REFERRAL_OUTCOMES,
  REFERRAL_STATUSES,
  type ReferralDeclineReason,
  type ReferralOutcome,
  type ReferralStatus,
} from '@app/contracts';
import { REFERRAL_CURSOR_PATTERN } from '../../application/referral-cursor';
import { type ReferralBox } from '../../application/referral-queries';

export class ReferralIdParam {
  @ApiProperty({ pattern: REFERRAL_ID_PATTERN.source, example: 'ref_Xq3v9KpL2mN8bR4tY6wZ0a' })
  @Matches(REFERRAL_ID_PATTERN, { message: 'referralId must be ref_ and 22 base64url characters' })
  referralId!: string;
}

export class DeclineReferralDto {
  @ApiProperty({ enum: REFERRAL_DECLINE_REASONS, example: 'outside_scope' })
  @IsIn(REFERRAL_DECLINE_REASONS)
  reason!: ReferralDeclineReason;
}

export class CompleteReferralDto {
  @ApiProperty({ enum: REFERRAL_OUTCOMES, example: 'representation_provided' })
  @IsIn(REFERRAL_OUTCOMES)
  outcome!: ReferralOutcome;
}

export const REFERRAL_BOXES = ['sent', 'received'] as const satisfies readonly ReferralBox[];
export const REFERRAL_PAGE_DEFAULT_LIMIT = 25;
export const REFERRAL_PAGE_MAX_LIMIT = 100;

export class ListReferralsQuery {
  @ApiPropertyOptional({
    enum: REFERRAL_BOXES,
    description: 'sent: made by the caller’s organization; received: made to it. Default: both the roles allow.',
  })
  @IsOptional()
  @IsIn(REFERRAL_BOXES)
  box?: ReferralBox;

  @ApiPropertyOptional({ enum: REFERRAL_STATUSES })
  @IsOptional()
  @IsIn(REFERRAL_STATUSES)
  status?: ReferralStatus;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: REFERRAL_PAGE_MAX_LIMIT,
    default: REFERRAL_PAGE_DEFAULT_LIMIT,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(REFERRAL_PAGE_MAX_LIMIT)
  limit?: number;

  @ApiPropertyOptional({
    description: '`nextCursor` of the previous page; opaque.',
    pattern: REFERRAL_CURSOR_PATTERN.source,
  })
  @IsOptional()
  @IsString()
  @Matches(REFERRAL_CURSOR_PATTERN, { message: 'cursor must be a cursor this list returned' })
  cursor?: string;
}
