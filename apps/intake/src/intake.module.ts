import { type DynamicModule, Module } from '@nestjs/common';
import { PlatformModule, type ServiceConfig } from '@app/platform';
import { CasesModule } from './cases/cases.module';
import { KeyDirectoryModule } from './key-directory/key-directory.module';
import { SectionsModule } from './sections/sections.module';
import { ConsentModule } from './consent/consent.module';
import { AccessLogModule } from './access-log/access-log.module';
import { ErasureModule } from './erasure/erasure.module';
import { ProviderDirectoryModule } from './provider-directory/provider-directory.module';
import { ReferralsModule } from './referrals/referrals.module';
import { IntakeOutboxModule } from './outbox/intake-outbox.module';

/** intake: the platform and its features, composed; nothing else lives here. */
@Module({})
export class IntakeModule {
  static forRoot(config: ServiceConfig): DynamicModule {
    return {
      module: IntakeModule,
      imports: [
        PlatformModule.forRoot(config),
        CasesModule,
        KeyDirectoryModule,
        SectionsModule,
        ConsentModule,
        AccessLogModule,
        ErasureModule,
        ProviderDirectoryModule,
        ReferralsModule,
        IntakeOutboxModule,
      ],
    };
  }
}
