import { Module } from '@nestjs/common';
import { AccessLog } from './access-log.service';
import { AccessLogRepository } from './persistence/access-log.repository';

/**
 * The hash-chained access log of envelope hand-outs. Uses the global
 * MONGO_CONNECTION of PlatformModule; controllers that show the log live
 * with the features that decide who may see it.
 */
@Module({
  providers: [AccessLogRepository, AccessLog],
  exports: [AccessLog],
})
export class AccessLogModule {}
