import { type DynamicModule, Module } from '@nestjs/common';
import { PlatformModule, type ServiceConfig } from '@app/platform';
import { CaseDirectoryModule } from '@app/case-directory';

@Module({})
export class NotificationsModule {
  static forRoot(config: ServiceConfig): DynamicModule {
    return {
      module: NotificationsModule,
      // Publishes no events of its own yet, so it runs no outbox relay.
      imports: [PlatformModule.forRoot(config), CaseDirectoryModule],
    };
  }
}
