import { ApiProperty } from '@nestjs/swagger';
import { CASE_SECTIONS, type CaseSection, PURPOSES, type Purpose } from '@app/contracts';
import { type ConsentReceipt } from '@app/crypto';
import { isActive } from '../../domain/grants';
import { type Grant, type StoredConsent } from '../../domain/protected-content';

export const GRANT_STATES = ['pending', 'active', 'expired', 'withdrawn', 'superseded'] as const;
export type GrantState = (typeof GRANT_STATES)[number];

export class GrantView {
  @ApiProperty() consentId!: string;
  @ApiProperty() consentVersion!: number;
  @ApiProperty() granteeOrgId!: string;
  @ApiProperty({ enum: CASE_SECTIONS, isArray: true }) sections!: CaseSection[];
  @ApiProperty({ enum: PURPOSES, isArray: true }) purposes!: Purpose[];
  @ApiProperty() validFrom!: string;
  @ApiProperty() validUntil!: string;
  @ApiProperty() onwardSharing!: boolean;
  @ApiProperty({ enum: GRANT_STATES }) state!: GrantState;
  @ApiProperty({ required: false }) withdrawnAt?: string;
  @ApiProperty({ required: false }) expiredAt?: string;
  @ApiProperty({ required: false }) supersededAt?: string;

  static of(grant: Grant, now: Date): GrantView {
    return {
      consentId: grant.consentId,
      consentVersion: grant.consentVersion,
      granteeOrgId: grant.granteeOrgId,
      sections: grant.sections,
      purposes: grant.purposes,
      validFrom: grant.validFrom.toISOString(),
      validUntil: grant.validUntil.toISOString(),
      onwardSharing: grant.onwardSharing,
      state: stateOf(grant, now),
      ...(grant.withdrawnAt ? { withdrawnAt: grant.withdrawnAt.toISOString() } : {}),
      ...(grant.expiredAt ? { expiredAt: grant.expiredAt.toISOString() } : {}),
      ...(grant.supersededAt ? { supersededAt: grant.supersededAt.toISOString() } : {}),
    };
  }
}

function stateOf(grant: Grant, now: Date): GrantState {
  if (grant.withdrawnAt) return 'withdrawn';
  if (grant.supersededAt) return 'superseded';
  if (isActive(grant, now)) return 'active';
  return now < grant.validFrom ? 'pending' : 'expired';
}

export class ConsentView {
  @ApiProperty() consentId!: string;
  @ApiProperty() currentVersion!: number;
  @ApiProperty({
    type: 'array',
    items: { type: 'object' },
    description: 'Every signed version (ConsentReceipt), oldest first.',
  })
  receipts!: ConsentReceipt[];
  @ApiProperty({ type: [GrantView] }) grants!: GrantView[];

  static of(consent: StoredConsent, grants: readonly Grant[], now: Date): ConsentView {
    return {
      consentId: consent.consentId,
      currentVersion: consent.currentVersion,
      receipts: consent.receipts,
      grants: grants.filter((grant) => grant.consentId === consent.consentId).map((grant) => GrantView.of(grant, now)),
    };
  }
}

export class RecordedConsentView {
  @ApiProperty() consentId!: string;
  @ApiProperty() version!: number;
  @ApiProperty({
    required: false,
    description: 'Version 1 only: the code the client keeps to check the receipt and the access log. Shown once.',
  })
  receiptCode?: string;
  @ApiProperty({ type: [GrantView] }) grants!: GrantView[];
}
