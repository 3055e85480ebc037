import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

const CASE_ID = /^case_[A-Za-z0-9_-]{10,40}$/;

export class CaseIdParam {
  @ApiProperty({ example: 'case_Hk3sQ0b7Zs1xW9fYt2aL4g', pattern: CASE_ID.source })
  @Matches(CASE_ID, { message: 'caseId must be a case id' })
  caseId!: string;
}
