import { ApiProperty } from '@nestjs/swagger';
import { isComplete, LEGAL_BASES, type LegalBasis, PURGING_SERVICES, type Tombstone } from '../domain/erasure';

export class ErasureView {
  @ApiProperty() caseId!: string;
  @ApiProperty({ enum: LEGAL_BASES }) legalBasis!: LegalBasis;
  @ApiProperty({ format: 'date-time' }) erasedAt!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string', format: 'date-time' },
    description: 'Service name → when that service reported it purged its copy of the case.',
    example: { 'legal-status': '2030-01-01T00:00:01.000Z' },
  })
  confirmations!: Record<string, string>;

  @ApiProperty({ description: `True once all of ${PURGING_SERVICES.join(', ')} have confirmed.` })
  complete!: boolean;

  static of(tombstone: Tombstone): ErasureView {
    return {
      caseId: tombstone.caseId,
      legalBasis: tombstone.legalBasis,
      erasedAt: tombstone.erasedAt.toISOString(),
      confirmations: Object.fromEntries(
        Object.entries(tombstone.confirmations).map(([service, at]) => [service, at.toISOString()]),
      ),
      complete: isComplete(tombstone),
    };
  }
}
