import { type DynamicModule, Module } from '@nestjs/common';
import { PlatformModule, type ServiceConfig } from '@app/platform';
import { CaseDirectoryModule } from '@app/case-directory';

@Module({})
export class LegalStatusModule {
  static forRoot(config: ServiceConfig): DynamicModule {
    return {
      module: LegalStatusModule,
      // Publishes no events of its own yet, so it runs no outbox relay.
      imports: [PlatformModule.forRoot(config), CaseDirectoryModule],
    };
  }
}
