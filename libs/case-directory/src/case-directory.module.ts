import { KnownCaseQueries } from './application/known-case-queries';
import { Module } from '@nestjs/common';
import { KnownCaseRepository } from './persistence/known-case.repository';
import { CaseEventsConsumer } from './messaging/case-events.consumer';
import { CaseErasedConsumer } from './messaging/case-erased.consumer';
import { PurgeConfirmations } from './messaging/purge-confirmations';
import { KnownCasesController } from './http/known-cases.controller';

/**
 * A consuming service's own projection of intake's case events: who owns a
 * case. Each service stores it in its own database, and
 * purges it when the case is erased.
 */
@Module({
  controllers: [CaseEventsConsumer, CaseErasedConsumer, KnownCasesController],
  providers: [KnownCaseRepository, KnownCaseQueries, PurgeConfirmations],
  exports: [KnownCaseRepository],
})
export class CaseDirectoryModule {}
