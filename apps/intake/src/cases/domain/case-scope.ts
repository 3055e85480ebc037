import { type CaseSection, type Purpose, type Role, rolesAllow } from '@app/contracts';

/** The owner organization: all of its own cases, and nothing of anyone else's. */
export interface OwnerScope {
  readonly kind: 'owner';
  readonly orgId: string;
}

/**
 * A reader: the owner, or an organization with an active grant at `at` for
 * the purpose and, when one is named, the section. Reads that hand out
 * content use it, so a case the caller may not read is never loaded at all.
 */
export interface ReaderScope {
  readonly kind: 'reader';
  readonly orgId: string;
  readonly purpose: Purpose;
  readonly section?: CaseSection;
  readonly at: Date;
}

/**
 * The client, through the receipt code of one of the case's consents. Its
 * hash outlives an erasure, so the client can still read who received what.
 */
export interface ReceiptHolderScope {
  readonly kind: 'receipt-holder';
  readonly receiptCodeHash: string;
}

/** Who a case is read or written for. Every repository method on cases takes one first. */
export type CaseScope = OwnerScope | ReaderScope | ReceiptHolderScope;

/** Who may read a case's access log: its owner, and the client with a receipt code, before and after erasure. */
export type AccessLogScope = OwnerScope | ReceiptHolderScope;

export function ownerScope(orgId: string): OwnerScope {
  return { kind: 'owner', orgId };
}

/** Who reads: an organization, and the roles its staff member's token carries. */
export interface Reader {
  readonly orgId: string;
  readonly roles: readonly Role[];
}

/**
 * The use case answers a purpose the reader's roles do not allow with a 403
 * before it gets here (ROLE_PURPOSES); refusing again here keeps any other
 * path from building a scope the roles do not allow.
 */
export function readerScope(reader: Reader, purpose: Purpose, section?: CaseSection, at = new Date()): ReaderScope {
  if (!rolesAllow(reader.roles, purpose)) throw new Error(`no role of the reader allows the purpose ${purpose}`);
  const { orgId } = reader;
  return section === undefined
    ? { kind: 'reader', orgId, purpose, at }
    : { kind: 'reader', orgId, purpose, section, at };
}

export function receiptHolderScope(receiptCodeHash: string): ReceiptHolderScope {
  return { kind: 'receipt-holder', receiptCodeHash };
}
