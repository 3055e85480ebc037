import { Schema } from 'mongoose';
import { type OutboxEntry, withOutbox } from '@app/persistence';
import { type Routing } from '@app/contracts';

export interface CaseDocument {
  _id: string;
  ownerOrgId: string;
  routing: Routing;
  version: number;
  openedAt: Date;
  updatedAt: Date;
  outbox: OutboxEntry[];
}

export const caseSchema = withOutbox(
  new Schema<CaseDocument>(
    {
      _id: { type: String, required: true },
      ownerOrgId: { type: String, required: true },
      routing: { type: Object, required: true },
      version: { type: Number, required: true },
      openedAt: { type: Date, required: true },
      updatedAt: { type: Date, required: true },
    },
    { collection: 'cases', versionKey: false },
  ),
);
// Every query is scoped by owner organization.
caseSchema.index({ ownerOrgId: 1, _id: 1 });
