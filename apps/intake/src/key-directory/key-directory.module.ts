import { Module } from '@nestjs/common';
import { KeyDirectoryRepository } from './persistence/key-directory.repository';
import { KeyDirectory } from './key-directory.service';
import { KeyDirectoryController } from './http/key-directory.controller';

/** Organizations' public keys and their signed rotations. */
@Module({
  controllers: [KeyDirectoryController],
  providers: [KeyDirectoryRepository, KeyDirectory],
  exports: [KeyDirectory],
})
export class KeyDirectoryModule {}
