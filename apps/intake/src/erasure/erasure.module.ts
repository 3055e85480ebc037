import { Module } from '@nestjs/common';
import { ErasureController } from './http/erasure.controller';
import { PurgeConfirmationsConsumer } from './messaging/purge-confirmations.consumer';
import { EraseCase } from './application/erase-case.use-case';
import { ErasureRepository } from './persistence/erasure.repository';

/**
 * Case erasure (ARCO cancellation, crypto-shredding) and the record of which
 * services have purged their copies. Injects MONGO_CONNECTION (global, from
 * PlatformModule) and the app's one OutboxRelayHost, so the app module must
 * export that globally: a module's own providers are invisible to the
 * modules it imports.
 */
@Module({
  controllers: [ErasureController, PurgeConfirmationsConsumer],
  providers: [ErasureRepository, EraseCase],
})
export class ErasureModule {}
