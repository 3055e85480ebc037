import { Module } from '@nestjs/common';
import { CaseRepository } from './persistence/case.repository';
import { LegacyRoutingMigration } from './persistence/legacy-routing.migration';
import { LegacyCaseStatusMigration } from './persistence/legacy-case-status.migration';
import { ProtectedCaseRepository } from './persistence/protected-case.repository';
import { OpenCase } from './application/open-case/open-case.use-case';
import { UpdateRouting } from './application/update-routing/update-routing.use-case';
import { ChangeCaseStatus } from './application/change-status/change-case-status.use-case';
import { CaseQueries } from './application/case-queries';
import { CasesController } from './http/cases.controller';

/**
 * The case core: opening, listing, closing and reopening a case, and its
 * routing metadata. Case documents carry the case's events in their outbox;
 * other features write events into the same documents and wake the relay
 * (IntakeOutboxModule) through the platform's OUTBOX_NOTIFIER.
 */
@Module({
  controllers: [CasesController],
  providers: [
    CaseRepository,
    ProtectedCaseRepository,
    OpenCase,
    UpdateRouting,
    ChangeCaseStatus,
    CaseQueries,
    LegacyRoutingMigration,
    LegacyCaseStatusMigration,
  ],
  exports: [CaseRepository, ProtectedCaseRepository],
})
export class CasesModule {}
