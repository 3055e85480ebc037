import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export const DIRECTORY_LOG_PAGE_MAX = 500;

export class DirectoryLogQuery {
  @ApiPropertyOptional({ description: 'Entries after this index (the size of the log the client holds).', default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  after?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: DIRECTORY_LOG_PAGE_MAX, default: DIRECTORY_LOG_PAGE_MAX })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(DIRECTORY_LOG_PAGE_MAX)
  limit?: number;
}
