import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsInt, Max, Min, ValidateNested } from 'class-validator';
import { RoutingDto } from './routing.dto';

/**
 * Far above any real case's history; keeps version + 1 an exact integer in events (a larger one failed event validation
 * as a 500).
 */
export const MAX_CASE_VERSION = 1_000_000_000;

export class UpdateRoutingDto {
  @ApiProperty({
    description: 'The case version this change is based on (optimistic concurrency).',
    type: 'integer',
    minimum: 1,
    maximum: MAX_CASE_VERSION,
  })
  @IsInt()
  @Min(1)
  @Max(MAX_CASE_VERSION)
  version!: number;

  @ApiProperty({ type: RoutingDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => RoutingDto)
  routing!: RoutingDto;
}
