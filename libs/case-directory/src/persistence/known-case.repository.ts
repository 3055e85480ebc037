import { Inject, Injectable } from '@nestjs/common';
import { type Connection, type Model } from 'mongoose';
import { type Routing } from '@app/contracts';
import { applyOnce, type ApplyResult, type EventPosition } from '@app/persistence';
import { MONGO_CONNECTION } from '@app/http';
import { type KnownCase, knownCaseSchema } from './known-case.schema';

export interface KnownCaseView {
  caseId: string;
  ownerOrgId: string;
  routing: Routing;
  sequence: number;
  eventsReceived: number;
  updatedAt: string;
}

@Injectable()
export class KnownCaseRepository {
  private readonly model: Model<KnownCase>;

  constructor(@Inject(MONGO_CONNECTION) connection: Connection) {
    this.model = connection.model<KnownCase>('KnownCase', knownCaseSchema);
  }

  record(position: EventPosition, ownerOrgId: string, routing: Routing): Promise<ApplyResult> {
    return applyOnce(this.model, position, { state: { ownerOrgId, routing, updatedAt: new Date() }, onReceipt: { $inc: { eventsReceived: 1 } } });
  }

  /** Scoped by organization: another organization's case is simply not found. */
  async findForOrganization(orgId: string, caseId: string): Promise<KnownCaseView | undefined> {
    const found = await this.model.findOne({ _id: caseId, ownerOrgId: orgId }).lean<KnownCase>().exec();
    return found ? { caseId: found._id, ownerOrgId: found.ownerOrgId, routing: found.routing, sequence: found.lastSequence, eventsReceived: found.eventsReceived, updatedAt: found.updatedAt.toISOString() } : undefined;
  }
}
