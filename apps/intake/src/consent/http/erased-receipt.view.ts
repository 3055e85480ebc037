import { ApiProperty } from '@nestjs/swagger';
import { ReceiptAccessLogView } from '../../access-log/http/access-log.view';
import { LEGAL_BASES, type LegalBasis } from '../../erasure/domain/erasure';
import { type ErasedCaseReceipt } from '../application/consent-queries';

export class ErasureNoticeView {
  @ApiProperty({ format: 'date-time' }) erasedAt!: string;
  @ApiProperty({ enum: LEGAL_BASES }) legalBasis!: LegalBasis;
}

/**
 * A receipt code's answer once its case is erased: the consent receipts were
 * erased with the case, the access log (who received what, no content) was not.
 */
export class ErasedReceiptView {
  @ApiProperty() caseId!: string;
  @ApiProperty({ type: ErasureNoticeView, description: 'The case was erased: when, and on what legal basis.' })
  erasure!: ErasureNoticeView;
  @ApiProperty({
    type: ReceiptAccessLogView,
    description: 'A page of the hand-outs before the erasure, with its verification.',
  })
  accessLog!: ReceiptAccessLogView;

  static of(receipt: ErasedCaseReceipt): ErasedReceiptView {
    return {
      caseId: receipt.caseId,
      erasure: { erasedAt: receipt.erasure.erasedAt.toISOString(), legalBasis: receipt.erasure.legalBasis },
      accessLog: receipt.accessLog,
    };
  }
}
