import { type ApiPropertyOptions, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { IsInstant, parseInstant } from '@app/platform';
import {
  CASE_STATUSES,
  COUNTRIES,
  type CaseStatus,
  type Country,
  NEED_CATEGORIES,
  REGION_CODES,
  type RegionCode,
  type NeedCategory,
  URGENCIES,
  type Urgency,
} from '@app/contracts';
import {
  CASE_PAGE_DEFAULT_LIMIT,
  CASE_PAGE_MAX_LIMIT,
  type CaseListFilter,
  type TimeRange,
} from '../../domain/case-list';
import { CASE_CURSOR_PATTERN } from '../../application/case-cursor';
import { LANGUAGE } from './routing.dto';

const instant = (description: string): ApiPropertyOptions => ({
  description: `${description} (RFC 3339 date-time, e.g. 2026-01-31T00:00:00Z).`,
  type: 'string',
  format: 'date-time',
});

/** Filters of the case list: each one narrows; dates are half-open ranges (`…From` included, `…Before` excluded). */
export class ListCasesQuery {
  @ApiPropertyOptional({ enum: CASE_STATUSES })
  @IsOptional()
  @IsIn(CASE_STATUSES)
  status?: CaseStatus;

  @ApiPropertyOptional({ enum: COUNTRIES })
  @IsOptional()
  @IsIn(COUNTRIES)
  country?: Country;

  @ApiPropertyOptional({ enum: REGION_CODES, example: 'MX-CHP' })
  @IsOptional()
  @IsIn(REGION_CODES, { message: 'regionCode must be an ISO 3166-2 subdivision code of MX or US' })
  regionCode?: RegionCode;

  @ApiPropertyOptional({ enum: NEED_CATEGORIES, description: 'Cases routed for this category, among others.' })
  @IsOptional()
  @IsIn(NEED_CATEGORIES)
  needCategory?: NeedCategory;

  @ApiPropertyOptional({ enum: URGENCIES })
  @IsOptional()
  @IsIn(URGENCIES)
  urgency?: Urgency;

  @ApiPropertyOptional({
    example: 'es',
    pattern: LANGUAGE.source,
    description: 'ISO 639-1; cases whose client speaks it.',
  })
  @IsOptional()
  @Matches(LANGUAGE, { message: 'language must be an ISO 639-1 code' })
  language?: string;

  @ApiPropertyOptional(instant('Opened at or after'))
  @IsOptional()
  @IsInstant()
  openedFrom?: string;

  @ApiPropertyOptional(instant('Opened before'))
  @IsOptional()
  @IsInstant()
  openedBefore?: string;

  @ApiPropertyOptional(instant('Last changed at or after'))
  @IsOptional()
  @IsInstant()
  updatedFrom?: string;

  @ApiPropertyOptional(instant('Last changed before'))
  @IsOptional()
  @IsInstant()
  updatedBefore?: string;

  @ApiPropertyOptional(instant('Closed at or after (closed cases only)'))
  @IsOptional()
  @IsInstant()
  closedFrom?: string;

  @ApiPropertyOptional(instant('Closed before (closed cases only)'))
  @IsOptional()
  @IsInstant()
  closedBefore?: string;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: CASE_PAGE_MAX_LIMIT,
    default: CASE_PAGE_DEFAULT_LIMIT,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(CASE_PAGE_MAX_LIMIT)
  limit?: number;

  @ApiPropertyOptional({
    description: "The previous page's `nextCursor`, as it was returned (opaque; its shape may change).",
    pattern: CASE_CURSOR_PATTERN.source,
    example: '1767225600000.case_AbCdEfGhIjKlMnOpQrStUv',
  })
  @IsOptional()
  @IsString()
  cursor?: string;
}

/** The domain's filter of a validated query: the dates as instants, ranges only where a bound was given. */
export function caseListFilterOf(query: ListCasesQuery): CaseListFilter {
  const { status, country, regionCode, needCategory, urgency, language } = query;
  const filter: CaseListFilter = { status, country, regionCode, needCategory, urgency, language };
  const opened = rangeOf(query.openedFrom, query.openedBefore);
  const updated = rangeOf(query.updatedFrom, query.updatedBefore);
  const closed = rangeOf(query.closedFrom, query.closedBefore);
  return { ...filter, ...(opened ? { opened } : {}), ...(updated ? { updated } : {}), ...(closed ? { closed } : {}) };
}

function rangeOf(from?: string, before?: string): TimeRange | undefined {
  if (from === undefined && before === undefined) return undefined;
  return {
    ...(from === undefined ? {} : { from: instantOf(from) }),
    ...(before === undefined ? {} : { before: instantOf(before) }),
  };
}

/** Validated with IsInstant, so the text parses; anything else is a bug, never a query on an invalid date. */
function instantOf(text: string): Date {
  const instant = parseInstant(text);
  if (!instant) throw new Error('a list date that was not validated');
  return instant;
}
