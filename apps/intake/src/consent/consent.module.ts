import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { KeyDirectoryModule } from '../key-directory/key-directory.module';
import { AccessLogModule } from '../access-log/access-log.module';
import { RecordConsent } from './application/record-consent.use-case';
import { WithdrawGrant } from './application/withdraw-grant.use-case';
import { ConsentQueries } from './application/consent-queries';
import { ExpirySweeper } from './application/expiry-sweeper';
import { ConsentsController } from './http/consents.controller';
import { ReceiptsController } from './http/receipts.controller';

/** Signed consent records, the grants they make, their withdrawal and expiry, and the client's receipts. */
@Module({
  imports: [CasesModule, KeyDirectoryModule, AccessLogModule],
  controllers: [ConsentsController, ReceiptsController],
  providers: [RecordConsent, WithdrawGrant, ConsentQueries, ExpirySweeper],
})
export class ConsentModule {}
