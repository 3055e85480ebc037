import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { ACCESS_LOG_PAGE_LIMITS, type AccessLogPageRequest } from '../domain/access-log-page';

/** Far beyond any case's log; bounds what a request may ask for, in the schema and the check alike. */
const SEQ_MAX = 2_147_483_647;

/** `after` and `limit` of a page, in the owner's query string and in the receipt lookup's body alike. */
export class AccessLogPageQuery {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    maximum: SEQ_MAX,
    default: 0,
    description: 'Entries after this seq: the last one you verified (0: from the first). The page is verified from it.',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(SEQ_MAX)
  after?: number;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: ACCESS_LOG_PAGE_LIMITS.max,
    default: ACCESS_LOG_PAGE_LIMITS.default,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(ACCESS_LOG_PAGE_LIMITS.max)
  limit?: number;
}

export function pageRequestOf(query: AccessLogPageQuery): AccessLogPageRequest {
  return { after: query.after ?? 0, limit: query.limit ?? ACCESS_LOG_PAGE_LIMITS.default };
}
