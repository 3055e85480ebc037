import { ApiProperty } from '@nestjs/swagger';
import { CASE_SECTIONS, type CaseSection, PURPOSES, type Purpose } from '@app/contracts';
import { type ConsentReceipt } from '@app/crypto';
import { GRANT_STATES, type GrantState, grantState } from '../../cases/domain/grants';
import { type Grant, type StoredConsent } from '../../cases/domain/protected-content';

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
      state: grantState(grant, now),
      ...(grant.withdrawnAt ? { withdrawnAt: grant.withdrawnAt.toISOString() } : {}),
      ...(grant.expiredAt ? { expiredAt: grant.expiredAt.toISOString() } : {}),
      ...(grant.supersededAt ? { supersededAt: grant.supersededAt.toISOString() } : {}),
    };
  }
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
