import { ApiProperty } from '@nestjs/swagger';
import { ReceiptAccessLogView } from '../../access-log/http/access-log.view';
import { type ClientReceipt } from '../application/consent-queries';
import { ConsentView } from './consent.views';

export class ReceiptView extends ConsentView {
  @ApiProperty() caseId!: string;
  @ApiProperty({
    type: ReceiptAccessLogView,
    description:
      "A page of the hand-outs of this case's envelopes, hash-chained, naming organizations and roles (never a " +
      "staff member), with the server's verification; check it yourself with the SDK's verifyAccessLogPage.",
  })
  accessLog!: ReceiptAccessLogView;

  static ofReceipt(receipt: ClientReceipt, now: Date): ReceiptView {
    return {
      caseId: receipt.caseId,
      ...ConsentView.of(receipt.consent, receipt.grants, now),
      accessLog: receipt.accessLog,
    };
  }
}
