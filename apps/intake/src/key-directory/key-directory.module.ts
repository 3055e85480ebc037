import { Module } from '@nestjs/common';
import { DirectoryLogRepository } from './persistence/directory-log.repository';
import { LegacyOrgKeysMigration } from './persistence/legacy-org-keys.migration';
import { DirectorySigningKey } from './directory-signing-key';
import { KeyDirectory } from './key-directory.service';
import { KeyDirectoryController } from './http/key-directory.controller';
import { DirectoryLogController } from './http/directory-log.controller';

/** Organizations' public keys, their signed rotations, and the log clients check them against. */
@Module({
  controllers: [KeyDirectoryController, DirectoryLogController],
  providers: [DirectoryLogRepository, LegacyOrgKeysMigration, DirectorySigningKey, KeyDirectory],
  exports: [KeyDirectory],
})
export class KeyDirectoryModule {}
