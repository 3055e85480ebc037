import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import {
  COUNTRIES,
  MAX_REFERRAL_CAPACITY,
  PRACTICE_SCOPES,
  PROVIDER_SERVICES,
  REGION_CODES,
  type Country,
  type PracticeScope,
  type ProviderService,
  type RegionCode,
} from '@app/contracts';
import { type ProviderProfile } from '../../domain/provider-entry';
import { LANGUAGE } from '../../../cases/http/dto/routing.dto';

/**
 * An organization's public name: no control characters (C0, DEL, C1), so no
 * line break can smuggle a layout into a listing. Written as ranges, not
 * Unicode properties, so that OpenAPI tools can generate names from it.
 */
// eslint-disable-next-line no-control-regex -- the pattern is there to refuse control characters
const DISPLAY_NAME = /^[^\u0000-\u001f\u007f-\u009f]+$/;

export class ProviderProfileDto implements ProviderProfile {
  @ApiProperty({ example: 'Border Asylum Partners', minLength: 2, maxLength: 120, pattern: DISPLAY_NAME.source })
  @IsString()
  @MinLength(2)
  @MaxLength(120)
  @Matches(DISPLAY_NAME, { message: 'displayName must be printable text without control characters' })
  displayName!: string;

  @ApiProperty({
    enum: PROVIDER_SERVICES,
    isArray: true,
    uniqueItems: true,
    minItems: 1,
    maxItems: PROVIDER_SERVICES.length,
    example: ['legal_representation_us', 'interpretation'],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(PROVIDER_SERVICES.length)
  @ArrayUnique()
  @IsIn(PROVIDER_SERVICES, { each: true })
  services!: ProviderService[];

  @ApiProperty({
    enum: PRACTICE_SCOPES,
    isArray: true,
    uniqueItems: true,
    maxItems: PRACTICE_SCOPES.length,
    description: 'For legal services: the procedures it takes on. Empty for others.',
    example: ['affirmative_asylum', 'removal_defense'],
  })
  @IsArray()
  @ArrayMaxSize(PRACTICE_SCOPES.length)
  @ArrayUnique()
  @IsIn(PRACTICE_SCOPES, { each: true })
  practiceScopes!: PracticeScope[];

  @ApiProperty({
    type: 'array',
    items: { type: 'string', pattern: LANGUAGE.source },
    uniqueItems: true,
    minItems: 1,
    maxItems: 20,
    description: 'ISO 639-1 codes it works in.',
    example: ['en', 'es'],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ArrayUnique()
  @Matches(LANGUAGE, { each: true, message: 'each language must be an ISO 639-1 code' })
  languages!: string[];

  @ApiProperty({
    enum: REGION_CODES,
    isArray: true,
    uniqueItems: true,
    maxItems: REGION_CODES.length,
    description: 'ISO 3166-2 subdivisions of MX or US it serves in person.',
    example: ['US-CA', 'US-AZ'],
  })
  @IsArray()
  @ArrayMaxSize(REGION_CODES.length)
  @ArrayUnique()
  @IsIn(REGION_CODES, { each: true, message: 'each region must be an ISO 3166-2 subdivision code of MX or US' })
  regionsServed!: RegionCode[];

  @ApiProperty({
    enum: COUNTRIES,
    isArray: true,
    uniqueItems: true,
    maxItems: COUNTRIES.length,
    description: 'Countries it serves in full, e.g. remote representation before any U.S. immigration court.',
    example: [],
  })
  @IsArray()
  @ArrayMaxSize(COUNTRIES.length)
  @ArrayUnique()
  @IsIn(COUNTRIES, { each: true })
  nationwide!: Country[];

  @ApiProperty({ description: 'Whether it takes new referrals now.', example: true })
  @IsBoolean()
  acceptingReferrals!: boolean;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    maximum: MAX_REFERRAL_CAPACITY,
    description: 'How many accepted referrals it carries at once; an acceptance beyond it is refused.',
    example: 5,
  })
  @IsInt()
  @Min(0)
  @Max(MAX_REFERRAL_CAPACITY)
  referralCapacity!: number;
}

export class PublishEntryDto extends ProviderProfileDto {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    maximum: 1_000_000_000,
    description: 'The entry version this replaces (0 for a first entry); without it the last write wins.',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000_000)
  version?: number;
}

export class UnlistEntryQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 1_000_000_000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000_000)
  version?: number;
}
