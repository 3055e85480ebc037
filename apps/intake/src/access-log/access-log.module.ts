import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { AccessLog } from './application/access-log.service';
import { AccessLogQueries } from './application/access-log-queries';
import { AccessLogReader } from './application/access-log-reader';
import { accessLogSettingsProvider } from './application/access-log-settings';
import { AccessLogTip } from './application/access-log-tip';
import { AccessLogRepository } from './persistence/access-log.repository';
import { AccessLogController } from './http/access-log.controller';

/**
 * The hash-chained access log of envelope hand-outs: sections append to it,
 * the owner and the receipt holder read it, in pages.
 */
@Module({
  imports: [CasesModule],
  controllers: [AccessLogController],
  providers: [
    AccessLogRepository,
    AccessLogTip,
    AccessLog,
    AccessLogReader,
    AccessLogQueries,
    accessLogSettingsProvider,
  ],
  exports: [AccessLog, AccessLogReader],
})
export class AccessLogModule {}
