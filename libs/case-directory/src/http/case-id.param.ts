import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

export class CaseIdParam {
  @ApiProperty({ example: 'case_Hk3sQ0b7Zs1xW9fYt2aL4g' })
  @Matches(/^case_[A-Za-z0-9_-]{10,40}$/, { message: 'caseId must be a case id' })
  caseId!: string;
}
