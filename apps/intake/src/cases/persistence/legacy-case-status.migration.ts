import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { type Connection } from 'mongoose';
import { MONGO_CONNECTION } from '@app/persistence';
import { caseModel } from './case.model';

/**
 * Cases stored before cases could be closed have no `status`; they were all
 * open. Setting it once at start-up lets every query ask for `status` as it
 * is, instead of each remembering that a missing one means open. Finds
 * nothing once done; safe to run on several replicas at once.
 */
@Injectable()
export class LegacyCaseStatusMigration implements OnModuleInit {
  private readonly logger = new Logger(LegacyCaseStatusMigration.name);

  constructor(@Inject(MONGO_CONNECTION) private readonly connection: Connection) {}

  async onModuleInit(): Promise<void> {
    const model = caseModel(this.connection);
    // After the model's index builds, which the test server (mongo-java-server) fails to run beside writes.
    await model.init();
    const result = await model.updateMany({ status: { $exists: false } }, { $set: { status: 'open' } }).exec();
    if (result.modifiedCount > 0)
      this.logger.log({ msg: 'set the status of cases stored without one', cases: result.modifiedCount });
  }
}
