import { type DynamicModule, Module } from '@nestjs/common';
import { OUTBOX_STORES, OutboxRelayHost, PlatformModule, type ServiceConfig } from '@app/http';
import { CaseRepository } from './persistence/case.repository';
import { OpenCase } from './application/open-case/open-case.use-case';
import { UpdateRouting } from './application/update-routing/update-routing.use-case';
import { CasesController } from './http/cases.controller';

@Module({})
export class IntakeModule {
  static forRoot(config: ServiceConfig): DynamicModule {
    return {
      module: IntakeModule,
      imports: [PlatformModule.forRoot(config)],
      controllers: [CasesController],
      providers: [
        CaseRepository,
        { provide: OUTBOX_STORES, inject: [CaseRepository], useFactory: (cases: CaseRepository) => [cases.outboxStore()] },
        OutboxRelayHost,
        OpenCase,
        UpdateRouting,
      ],
    };
  }
}
