import { Module } from '@nestjs/common';
import { KeyDirectoryModule } from '../key-directory/key-directory.module';
import { ProviderDirectoryRepository } from './persistence/provider-directory.repository';
import { ProviderDirectory } from './application/provider-directory.service';
import { ProviderDirectoryController } from './http/provider-directory.controller';

/**
 * The directory of service providers: what organizations offer, where and in
 * which languages, and the referral capacity acceptances count against.
 */
@Module({
  imports: [KeyDirectoryModule],
  controllers: [ProviderDirectoryController],
  providers: [ProviderDirectoryRepository, ProviderDirectory],
  exports: [ProviderDirectory, ProviderDirectoryRepository],
})
export class ProviderDirectoryModule {}
