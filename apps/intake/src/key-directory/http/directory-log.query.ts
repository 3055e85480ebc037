import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export const DIRECTORY_LOG_PAGE_MAX = 500;
/** Far beyond any directory's size; bounds what a query can ask for. */
const DIRECTORY_LOG_INDEX_MAX = 2_147_483_647;

export class DirectoryLogQuery {
  @ApiPropertyOptional({
    description: 'Entries after this index (the size of the log the client holds).',
    type: 'integer',
    minimum: 0,
    maximum: DIRECTORY_LOG_INDEX_MAX,
    default: 0,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(DIRECTORY_LOG_INDEX_MAX)
  after?: number;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: DIRECTORY_LOG_PAGE_MAX,
    default: DIRECTORY_LOG_PAGE_MAX,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(DIRECTORY_LOG_PAGE_MAX)
  limit?: number;
}
