import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { LEGAL_BASES, type LegalBasis } from '../domain/erasure';

export class EraseCaseDto {
  @ApiProperty({
    enum: LEGAL_BASES,
    description:
      'Why the case is erased: the client exercised ARCO cancellation, the retention period ended, or a court ' +
      'ordered it.',
  })
  @IsIn(LEGAL_BASES)
  legalBasis!: LegalBasis;
}
