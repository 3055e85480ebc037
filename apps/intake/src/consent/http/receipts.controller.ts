import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import { Public } from '@app/auth';
import { ConsentQueries } from '../application/consent-queries';
import { ReceiptLookupDto } from './consent.dtos';
import { pageRequestOf } from '../../access-log/http/access-log-page.query';
import { ReceiptView } from './receipt.view';
import { ErasedReceiptView } from './erased-receipt.view';
import { ReceiptLookupThrottle } from './receipt-lookup.throttle';

/**
 * The client's own window on their consent, with nothing but the receipt
 * code they were given: no account, because many clients have none. The
 * code carries 80 random bits; the answer holds no case content. The code
 * is a secret, so it travels in a POST body: a URL ends up in proxy logs and
 * browser history. Lookups are limited per client address
 * (ReceiptLookupThrottle).
 */
@ApiTags('consent')
@ApiExtraModels(ReceiptView, ErasedReceiptView)
@Controller('receipts')
export class ReceiptsController {
  constructor(private readonly queries: ConsentQueries) {}

  @Post('lookup')
  @HttpCode(200)
  @Public()
  @UseGuards(ReceiptLookupThrottle)
  @ApiOperation({
    summary:
      'The signed consent receipts, the grants and a verified page of the access log, for the holder of the receipt ' +
      'code.',
  })
  @ApiOkResponse({
    description: 'The consent and the access log; once the case is erased, the erasure and the access log.',
    schema: { oneOf: [{ $ref: getSchemaPath(ReceiptView) }, { $ref: getSchemaPath(ErasedReceiptView) }] },
  })
  @ApiNotFoundResponse({ description: 'No consent has, or had before an erasure, this code.' })
  @ApiTooManyRequestsResponse({
    description:
      'Too many lookups from this address (REQUEST.RATE_LIMITED); the Retry-After header says when to try again.',
  })
  async lookup(@Body() body: ReceiptLookupDto): Promise<ReceiptView | ErasedReceiptView> {
    const receipt = await this.queries.forClient(body.receiptCode, pageRequestOf(body));
    return 'erasure' in receipt ? ErasedReceiptView.of(receipt) : ReceiptView.ofReceipt(receipt, new Date());
  }
}
