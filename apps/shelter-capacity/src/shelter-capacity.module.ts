import { type DynamicModule, Module } from '@nestjs/common';
import { OUTBOX_STORES, OutboxRelayHost, PlatformModule, type ServiceConfig } from '@app/http';
import { CaseDirectoryModule } from '@app/case-directory';

@Module({})
export class ShelterCapacityModule {
  static forRoot(config: ServiceConfig): DynamicModule {
    return {
      module: ShelterCapacityModule,
      imports: [PlatformModule.forRoot(config), CaseDirectoryModule],
      // No events of its own yet: the relay runs with no stores.
      providers: [{ provide: OUTBOX_STORES, useValue: [] }, OutboxRelayHost],
    };
  }
}
