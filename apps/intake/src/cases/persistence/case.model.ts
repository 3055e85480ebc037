import { type Connection, type Model } from 'mongoose';
import { type CaseDocument, caseSchema } from './case.schema';

/** The one `cases` model per connection, shared by the repositories that each handle one part of a case. */
export function caseModel(connection: Connection): Model<CaseDocument> {
  const existing = connection.models.Case as Model<CaseDocument> | undefined;
  return existing ?? connection.model<CaseDocument>('Case', caseSchema);
}
