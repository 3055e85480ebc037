import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CASE_SECTIONS,
  NEED_CATEGORIES,
  PURPOSES,
  REFERRAL_DECLINE_REASONS,
  REFERRAL_OUTCOMES,
  REFERRAL_STATUSES,
  REFERRAL_WITHDRAWAL_REASONS,
  REGION_CODES,
  URGENCIES,
  type CaseSection,
  type NeedCategory,
  type Purpose,
  type ReferralStatus,
  type RegionCode,
  type Urgency,
} from '@app/contracts';
import { type Referral } from '../../domain/referral';
import { SealedNoteDto } from './create-referral.dto';

class TeaserView {
  @ApiProperty({ enum: NEED_CATEGORIES }) needCategory!: NeedCategory;
  @ApiProperty({ enum: REGION_CODES, example: 'MX-CHP' }) regionCode!: RegionCode;
  @ApiProperty({ type: [String], example: ['es'] }) languages!: readonly string[];
  @ApiProperty({ enum: URGENCIES }) urgency!: Urgency;
  @ApiPropertyOptional({ type: SealedNoteDto, description: 'Sealed to the partner; open it with the SDK.' })
  note?: SealedNoteDto;
}

const END_REASONS = [...REFERRAL_DECLINE_REASONS, ...REFERRAL_WITHDRAWAL_REASONS, ...REFERRAL_OUTCOMES];

export class ReferralView {
  @ApiProperty({ example: 'ref_Xq3v9KpL2mN8bR4tY6wZ0a' }) referralId!: string;
  @ApiPropertyOptional({
    description: 'The case: shown to the sender, and to the partner once it accepted (never before).',
  })
  caseId?: string;
  @ApiProperty() senderOrgId!: string;
  @ApiProperty() partnerOrgId!: string;
  @ApiProperty({ enum: PURPOSES }) purpose!: Purpose;
  @ApiProperty({ enum: CASE_SECTIONS, isArray: true }) sections!: readonly CaseSection[];
  @ApiProperty({ enum: REFERRAL_STATUSES }) status!: ReferralStatus;
  @ApiProperty({ type: TeaserView }) teaser!: TeaserView;
  @ApiProperty({ type: 'string', format: 'date-time' }) respondBy!: string;
  @ApiProperty({ type: 'string', format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: 'string', format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ type: 'integer' }) version!: number;
  @ApiPropertyOptional({ type: 'string', format: 'date-time' }) acceptedAt?: string;
  @ApiPropertyOptional({ type: 'string', format: 'date-time' }) endedAt?: string;
  @ApiPropertyOptional({
    enum: END_REASONS,
    description: 'Decline reason, withdrawal reason or completion outcome, by status.',
  })
  endReason?: string;

  static of(referral: Referral, viewerOrgId: string): ReferralView {
    const showsCase = viewerOrgId === referral.senderOrgId || referral.acceptedAt !== undefined;
    const { end } = referral;
    const endReason =
      end && (end.status === 'completed' ? end.outcome : end.status === 'expired' ? undefined : end.reason);
    return {
      referralId: referral.referralId,
      ...(showsCase ? { caseId: referral.caseId } : {}),
      senderOrgId: referral.senderOrgId,
      partnerOrgId: referral.partnerOrgId,
      purpose: referral.purpose,
      sections: referral.sections,
      status: referral.status,
      teaser: { ...referral.teaser, ...(referral.teaser.note ? { note: { ...referral.teaser.note } } : {}) },
      respondBy: referral.respondBy.toISOString(),
      createdAt: referral.createdAt.toISOString(),
      updatedAt: referral.updatedAt.toISOString(),
      version: referral.version,
      ...(referral.acceptedAt ? { acceptedAt: referral.acceptedAt.toISOString() } : {}),
      ...(end ? { endedAt: end.at.toISOString() } : {}),
      ...(endReason ? { endReason } : {}),
    };
  }
}

export class ReferralPageView {
  @ApiProperty({ type: [ReferralView] }) items!: ReferralView[];
  @ApiPropertyOptional({ description: 'Pass back as `cursor` for the next page; absent on the last.' })
  nextCursor?: string;
}
