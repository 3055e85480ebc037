import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import {
  PRACTICE_SCOPES,
  PROVIDER_SERVICES,
  REGION_CODES,
  type PracticeScope,
  type ProviderService,
  type RegionCode,
} from '@app/contracts';
import {
  PROVIDER_PAGE_DEFAULT_LIMIT,
  PROVIDER_PAGE_MAX_LIMIT,
  type ProviderSearch,
} from '../../domain/provider-search';
import { PROVIDER_CURSOR_PATTERN } from '../../application/provider-cursor';
import { LANGUAGE } from '../../../cases/http/dto/routing.dto';

/** Directory search terms: each narrows; results come best fit first. */
export class SearchProvidersQuery {
  @ApiPropertyOptional({ enum: PROVIDER_SERVICES })
  @IsOptional()
  @IsIn(PROVIDER_SERVICES)
  service?: ProviderService;

  @ApiPropertyOptional({ enum: PRACTICE_SCOPES })
  @IsOptional()
  @IsIn(PRACTICE_SCOPES)
  scope?: PracticeScope;

  @ApiPropertyOptional({
    enum: REGION_CODES,
    example: 'US-CA',
    description: 'Providers serving it in person, or nationwide in its country (in-person ones rank first).',
  })
  @IsOptional()
  @IsIn(REGION_CODES, { message: 'region must be an ISO 3166-2 subdivision code of MX or US' })
  region?: RegionCode;

  @ApiPropertyOptional({ example: 'es', pattern: LANGUAGE.source, description: 'ISO 639-1' })
  @IsOptional()
  @Matches(LANGUAGE, { message: 'language must be an ISO 639-1 code' })
  language?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Only providers that could accept a referral now.' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'withOpenCapacity must be true or false' })
  withOpenCapacity?: boolean;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: PROVIDER_PAGE_MAX_LIMIT,
    default: PROVIDER_PAGE_DEFAULT_LIMIT,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(PROVIDER_PAGE_MAX_LIMIT)
  limit?: number;

  @ApiPropertyOptional({
    description: '`nextCursor` of the previous page; opaque.',
    pattern: PROVIDER_CURSOR_PATTERN.source,
  })
  @IsOptional()
  @IsString()
  @Matches(PROVIDER_CURSOR_PATTERN, { message: 'cursor must be a cursor this search returned' })
  cursor?: string;
}

export function providerSearchOf(query: SearchProvidersQuery): ProviderSearch {
  return {
    ...(query.service ? { service: query.service } : {}),
    ...(query.scope ? { scope: query.scope } : {}),
    ...(query.region ? { region: query.region } : {}),
    ...(query.language ? { language: query.language } : {}),
    ...(query.withOpenCapacity ? { withOpenCapacity: true } : {}),
  };
}
