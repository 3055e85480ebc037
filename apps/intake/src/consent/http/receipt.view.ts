import { ApiProperty } from '@nestjs/swagger';
import { AccessLogView } from '../../access-log/http/access-log.view';
import { type ClientReceipt } from '../application/consent-queries';
import { ConsentView } from './consent.views';

export class ReceiptView extends ConsentView {
  @ApiProperty() caseId!: string;
  @ApiProperty({
    type: AccessLogView,
    description:
      "Every hand-out of this case's envelopes, hash-chained, with the server's verification; check it yourself " +
      "with the SDK's verifyAccessLog.",
  })
  accessLog!: AccessLogView;

  static ofReceipt(receipt: ClientReceipt, now: Date): ReceiptView {
    return {
      caseId: receipt.caseId,
      ...ConsentView.of(receipt.consent, receipt.grants, now),
      accessLog: receipt.accessLog,
    };
  }
}
