import { ApiProperty } from '@nestjs/swagger';
import { AccessLogView } from '../../access-log/access-log.view';
import { ConsentView } from './consent.views';

export class ReceiptView extends ConsentView {
  @ApiProperty() caseId!: string;
  @ApiProperty({
    type: AccessLogView,
    description:
      "Every hand-out of this case's envelopes, hash-chained, with the server's verification; check it yourself with the SDK's verifyAccessLog.",
  })
  accessLog!: AccessLogView;
}
