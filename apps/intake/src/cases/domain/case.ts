import { type CaseClosingReason, type CaseStatus, type Routing } from '@app/contracts';

/**
 * What the servers hold about a case in plaintext: who owns it, how it is
 * routed, and whether it is open. Its content lives in encrypted sections
 * that only organizations the client consented to can open.
 */
export interface Case {
  caseId: string;
  ownerOrgId: string;
  routing: Routing;
  status: CaseStatus;
  /** Optimistic concurrency and the per-aggregate event sequence. */
  version: number;
  openedAt: Date;
  updatedAt: Date;
  /** Set while the case is closed; cleared when it is reopened. */
  closure?: CaseClosure;
}

export interface CaseClosure {
  closedAt: Date;
  reason: CaseClosingReason;
}
