import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsInt, Min, ValidateNested } from 'class-validator';
import { RoutingDto } from './routing.dto';

export class UpdateRoutingDto {
  @ApiProperty({ description: 'The case version this change is based on (optimistic concurrency).' })
  @IsInt()
  @Min(1)
  version!: number;

  @ApiProperty({ type: RoutingDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => RoutingDto)
  routing!: RoutingDto;
}
