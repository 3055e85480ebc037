import { Module } from '@nestjs/common';
import { KnownCaseRepository } from './persistence/known-case.repository';
import { CaseEventsConsumer } from './messaging/case-events.consumer';
import { KnownCasesController } from './http/known-cases.controller';

/**
 * A consuming service's own projection of intake's case events: who owns a
 * case and how it is routed. Each service stores it in its own database.
 */
@Module({
  controllers: [CaseEventsConsumer, KnownCasesController],
  providers: [KnownCaseRepository],
  exports: [KnownCaseRepository],
})
export class CaseDirectoryModule {}
