import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, ValidateNested } from 'class-validator';
import { RoutingDto } from './routing.dto';

export class OpenCaseDto {
  @ApiProperty({ type: RoutingDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => RoutingDto)
  routing!: RoutingDto;
}
