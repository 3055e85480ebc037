import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { KeyDirectoryModule } from '../key-directory/key-directory.module';
import { AccessLogModule } from '../access-log/access-log.module';
import { WriteSection } from './application/write-section.use-case';
import { AddEnvelopes } from './application/add-envelopes.use-case';
import { ReadSection } from './application/read-section.use-case';
import { SectionsController } from './http/sections.controller';

/** Encrypted case sections and the envelopes that hand out their keys. */
@Module({
  imports: [CasesModule, KeyDirectoryModule, AccessLogModule],
  controllers: [SectionsController],
  providers: [WriteSection, AddEnvelopes, ReadSection],
})
export class SectionsModule {}
