import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { type Connection } from 'mongoose';
import { NEED_CATEGORIES, type NeedCategory } from '@app/contracts';
import { MONGO_CONNECTION } from '@app/persistence';
import { caseModel } from './case.model';

interface LegacyRouting {
  _id: string;
  routing: Record<string, unknown> & { needs?: unknown };
}

/**
 * Cases opened before routing became coarse hold `routing.needs` with
 * specific terms (`health:hiv_care`, `shelter:trans_women`). Each is reduced
 * to its category at start-up, so the plaintext document no longer says it;
 * the specific need belongs in the encrypted `needs` section, which only the
 * organization can write. Finds nothing once done. MongoDB's oplog and
 * backups still hold the old value for their own lifetimes (docs/privacy.md).
 */
@Injectable()
export class LegacyRoutingMigration implements OnModuleInit {
  private readonly logger = new Logger(LegacyRoutingMigration.name);

  constructor(@Inject(MONGO_CONNECTION) private readonly connection: Connection) {}

  async onModuleInit(): Promise<void> {
    const model = caseModel(this.connection);
    // After the model's index builds, which the test server (mongo-java-server) fails to run beside writes.
    await model.init();
    const legacy = await model
      .find({ 'routing.needs': { $exists: true } }, { routing: 1 })
      .lean<LegacyRouting[]>()
      .exec();
    if (legacy.length === 0) return;
    // One update per case, replacing the routing object whole: few documents, and only once.
    for (const found of legacy) {
      const { needs, ...rest } = found.routing;
      await model
        .updateOne(
          { _id: found._id, 'routing.needs': { $exists: true } },
          { $set: { routing: { ...rest, needCategories: categoriesOf(needs) } } },
        )
        .exec();
    }
    this.logger.log({ msg: 'reduced routing needs to their categories', cases: legacy.length });
  }
}

/** `shelter:trans_women` → `shelter`; anything outside the vocabulary is dropped, never kept. */
export function categoriesOf(needs: unknown): NeedCategory[] {
  if (!Array.isArray(needs)) return [];
  const categories = needs
    .filter((need): need is string => typeof need === 'string')
    .map((need) => need.split(':')[0])
    .filter((category): category is NeedCategory => (NEED_CATEGORIES as readonly string[]).includes(category ?? ''));
  return [...new Set(categories)];
}
