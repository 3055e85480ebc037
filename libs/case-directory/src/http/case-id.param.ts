import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { CASE_ID_PATTERN } from '@app/contracts';

export class CaseIdParam {
  @ApiProperty({ example: 'case_Hk3sQ0b7Zs1xW9fYt2aL4g', pattern: CASE_ID_PATTERN.source })
  @Matches(CASE_ID_PATTERN, { message: 'caseId must be a case id' })
  caseId!: string;
}
