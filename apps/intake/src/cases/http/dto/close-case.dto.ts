import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { CASE_CLOSING_REASONS, type CaseClosingReason } from '@app/contracts';
import { MAX_CASE_VERSION } from './update-routing.dto';

const VERSION = {
  description:
    'The case version the caller read: the change is refused with 409 if the case changed since. ' +
    'Without it the change applies to the case as it is.',
  type: 'integer',
  minimum: 1,
  maximum: MAX_CASE_VERSION,
} as const;

export class ReopenCaseDto {
  @ApiPropertyOptional(VERSION)
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_CASE_VERSION)
  version?: number;
}

/** A reopen's optional version, and the reason. */
export class CloseCaseDto extends ReopenCaseDto {
  @ApiProperty({ enum: CASE_CLOSING_REASONS, example: 'services_completed' })
  @IsIn(CASE_CLOSING_REASONS)
  reason!: CaseClosingReason;
}
