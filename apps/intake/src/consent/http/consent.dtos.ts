import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsObject, IsOptional, Matches } from 'class-validator';
import { CaseIdParam } from '@app/case-directory';
import { WITHDRAWAL_CHANNELS, type WithdrawalChannel } from '../../cases/domain/protected-content';
import { AccessLogPageQuery } from '../../access-log/http/access-log-page.query';

const ID = /^[A-Za-z0-9_-]{1,64}$/;

export class RecordConsentDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      "ConsentReceipt made by the SDK (signConsentRecord): the record and the collecting organization's signature.",
  })
  @IsObject()
  receipt!: Record<string, unknown>;
}

export class GrantParam extends CaseIdParam {
  @ApiProperty({ pattern: ID.source }) @Matches(ID, { message: 'consentId must be an id' }) consentId!: string;
  @ApiProperty({ pattern: ID.source })
  @Matches(ID, { message: 'granteeOrgId must be an organization id' })
  granteeOrgId!: string;
}

export class WithdrawalQuery {
  @ApiProperty({
    enum: WITHDRAWAL_CHANNELS,
    required: false,
    description: 'How the client withdrew (recorded); app if absent.',
  })
  @IsOptional()
  @IsIn(WITHDRAWAL_CHANNELS)
  channel?: WithdrawalChannel;
}

const RECEIPT_CODE = /^[0-9A-Za-z -]{16,24}$/;

/** The code, and which page of the access log (`after`, `limit`, as the owner's query string has them). */
export class ReceiptLookupDto extends AccessLogPageQuery {
  @ApiProperty({
    example: '7K2M-9QXD-4T1B-ZR8W',
    pattern: RECEIPT_CODE.source,
    description: 'Case, dashes and spaces do not matter.',
  })
  @Matches(RECEIPT_CODE, { message: 'receiptCode must be a receipt code' })
  receiptCode!: string;
}
