import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  COUNTRIES,
  PRACTICE_SCOPES,
  PROVIDER_SERVICES,
  REGION_CODES,
  type Country,
  type PracticeScope,
  type ProviderService,
  type RegionCode,
} from '@app/contracts';
import { OrgKeysView } from '../../../key-directory/http/org-keys.view';
import { openCapacity } from '../../domain/provider-entry';
import { type ListedProvider } from '../../application/provider-directory.service';

export class ProviderEntryView {
  @ApiProperty({ example: 'org_border_asylum' }) orgId!: string;
  @ApiProperty({ example: 'Border Asylum Partners' }) displayName!: string;
  @ApiProperty({ enum: PROVIDER_SERVICES, isArray: true }) services!: readonly ProviderService[];
  @ApiProperty({ enum: PRACTICE_SCOPES, isArray: true }) practiceScopes!: readonly PracticeScope[];
  @ApiProperty({ type: [String], example: ['en', 'es'] }) languages!: readonly string[];
  @ApiProperty({ enum: REGION_CODES, isArray: true }) regionsServed!: readonly RegionCode[];
  @ApiProperty({ enum: COUNTRIES, isArray: true }) nationwide!: readonly Country[];
  @ApiProperty() acceptingReferrals!: boolean;
  @ApiProperty({ type: 'integer', example: 5 }) referralCapacity!: number;
  @ApiProperty({ type: 'integer', description: 'Accepted referrals it holds now.', example: 2 })
  openReferrals!: number;
  @ApiProperty({ type: 'integer', description: 'Referrals it could accept now (0 when not accepting).', example: 3 })
  openCapacity!: number;
  @ApiProperty({ type: 'integer', example: 3 }) version!: number;
  @ApiProperty({ type: 'string', format: 'date-time' }) updatedAt!: string;
  @ApiProperty({
    type: OrgKeysView,
    description: "The organization's current public keys and fingerprints: compare them before referring.",
  })
  keys!: OrgKeysView;

  static async of({ entry, keys }: ListedProvider): Promise<ProviderEntryView> {
    return {
      orgId: entry.orgId,
      displayName: entry.displayName,
      services: entry.services,
      practiceScopes: entry.practiceScopes,
      languages: entry.languages,
      regionsServed: entry.regionsServed,
      nationwide: entry.nationwide,
      acceptingReferrals: entry.acceptingReferrals,
      referralCapacity: entry.referralCapacity,
      openReferrals: Math.max(0, entry.openReferrals),
      openCapacity: openCapacity(entry),
      version: entry.version,
      updatedAt: entry.updatedAt.toISOString(),
      keys: await OrgKeysView.of(keys),
    };
  }
}

export class ProviderPageView {
  @ApiProperty({ type: [ProviderEntryView] }) items!: ProviderEntryView[];
  @ApiPropertyOptional({ description: 'Pass back as `cursor` for the next page; absent on the last.' })
  nextCursor?: string;
}
