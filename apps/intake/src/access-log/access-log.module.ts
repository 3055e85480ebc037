import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { AccessLog } from './application/access-log.service';
import { AccessLogQueries } from './application/access-log-queries';
import { AccessLogRepository } from './persistence/access-log.repository';
import { AccessLogController } from './http/access-log.controller';

/**
 * The hash-chained access log of envelope hand-outs: sections append to it,
 * the owner and the receipt holder read it.
 */
@Module({
  imports: [CasesModule],
  controllers: [AccessLogController],
  providers: [AccessLogRepository, AccessLog, AccessLogQueries],
  exports: [AccessLog],
})
export class AccessLogModule {}
