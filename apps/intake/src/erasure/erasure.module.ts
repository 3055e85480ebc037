import { Module } from '@nestjs/common';
import { ErasureController } from './http/erasure.controller';
import { PurgeConfirmationsConsumer } from './messaging/purge-confirmations.consumer';
import { EraseCase } from './application/erase-case.use-case';
import { ErasureRepository } from './persistence/erasure.repository';
import { ErasureQueries } from './application/erasure-queries';

/**
 * Case erasure (ARCO cancellation, crypto-shredding) and the record of which
 * services have purged their copies. It writes its event into the case
 * document's outbox and wakes the relay through the platform's
 * OUTBOX_NOTIFIER.
 */
@Module({
  controllers: [ErasureController, PurgeConfirmationsConsumer],
  providers: [ErasureRepository, EraseCase, ErasureQueries],
})
export class ErasureModule {}
