import { type Model } from 'mongoose';
import { type OutboxEntry } from './outbox-entry';

/** A batch of pending events, grouped by the document that holds them. */
export interface PendingEvents {
  documentId: string;
  entries: OutboxEntry[];
}

/** What the relay needs from storage; one per collection that has an outbox. */
export interface OutboxStore {
  readonly name: string;
  findPending(limit: number): Promise<PendingEvents[]>;
  /** Removes exactly the published entries; events appended meanwhile stay. */
  removePublished(published: PendingEvents[]): Promise<void>;
}

interface WithOutbox {
  _id: unknown;
  outbox: OutboxEntry[];
}

export class MongooseOutboxStore implements OutboxStore {
  readonly name: string;

  constructor(private readonly model: Model<WithOutbox>) {
    this.name = model.collection.collectionName;
  }

  async findPending(limit: number): Promise<PendingEvents[]> {
    const documents = await this.model
      .find({ 'outbox.eventId': { $exists: true } }, { outbox: 1 })
      .limit(limit)
      .lean<{ _id: unknown; outbox: OutboxEntry[] }[]>()
      .exec();
    return documents.map((document) => ({ documentId: String(document._id), entries: document.outbox }));
  }

  async removePublished(published: PendingEvents[]): Promise<void> {
    if (published.length === 0) return;
    await this.model.bulkWrite(
      published.map(({ documentId, entries }) => ({
        updateOne: {
          filter: { _id: documentId },
          update: { $pull: { outbox: { eventId: { $in: entries.map((entry) => entry.eventId) } } } },
        },
      })),
      { ordered: false },
    );
  }
}
