import { type DynamicModule, Module } from '@nestjs/common';
import { OUTBOX_STORES, OutboxRelayHost, PlatformModule, type ServiceConfig } from '@app/http';
import { CaseRepository } from './persistence/case.repository';
import { ProtectedCaseRepository } from './persistence/protected-case.repository';
import { OpenCase } from './application/open-case/open-case.use-case';
import { UpdateRouting } from './application/update-routing/update-routing.use-case';
import { CasesController } from './http/cases.controller';
import { KeyDirectoryRepository } from './key-directory/persistence/key-directory.repository';
import { KeyDirectory } from './key-directory/key-directory.service';
import { KeyDirectoryController } from './key-directory/http/key-directory.controller';
import { WriteSection } from './sections/application/write-section.use-case';
import { AddEnvelopes } from './sections/application/add-envelopes.use-case';
import { ReadSection } from './sections/application/read-section.use-case';
import { SectionsController } from './sections/http/sections.controller';
import { RecordConsent } from './consent/application/record-consent.use-case';
import { WithdrawGrant } from './consent/application/withdraw-grant.use-case';
import { ConsentQueries } from './consent/application/consent-queries';
import { ExpirySweeper } from './consent/application/expiry-sweeper';
import { ConsentsController } from './consent/http/consents.controller';
import { ReceiptsController } from './consent/http/receipts.controller';
import { AccessLogController } from './consent/http/access-log.controller';
import { AccessLogModule } from './access-log/access-log.module';
import { ErasureModule } from './erasure/erasure.module';

@Module({})
export class IntakeModule {
  static forRoot(config: ServiceConfig): DynamicModule {
    return {
      module: IntakeModule,
      // Global so that feature modules (erasure) can inject the relay host, which only this module provides.
      global: true,
      exports: [OutboxRelayHost],
      imports: [PlatformModule.forRoot(config), AccessLogModule, ErasureModule],
      controllers: [
        CasesController,
        KeyDirectoryController,
        SectionsController,
        ConsentsController,
        ReceiptsController,
        AccessLogController,
      ],
      providers: [
        CaseRepository,
        ProtectedCaseRepository,
        KeyDirectoryRepository,
        {
          provide: OUTBOX_STORES,
          inject: [CaseRepository],
          useFactory: (cases: CaseRepository) => [cases.outboxStore()],
        },
        OutboxRelayHost,
        OpenCase,
        UpdateRouting,
        KeyDirectory,
        WriteSection,
        AddEnvelopes,
        ReadSection,
        RecordConsent,
        WithdrawGrant,
        ConsentQueries,
        ExpirySweeper,
      ],
    };
  }
}
