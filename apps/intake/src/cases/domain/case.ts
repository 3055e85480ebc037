import { type Routing } from '@app/contracts';

/**
 * What the servers hold about a case in plaintext: who owns it and how it is
 * routed. Its content lives in encrypted sections that only organizations the
 * client consented to can open.
 */
export interface Case {
  caseId: string;
  ownerOrgId: string;
  routing: Routing;
  /** Optimistic concurrency and the per-aggregate event sequence. */
  version: number;
  openedAt: Date;
  updatedAt: Date;
}
