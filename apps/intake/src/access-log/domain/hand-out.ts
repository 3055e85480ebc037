/** Who received which section's key, for what; the caller has checked that they may. */
export interface HandOut {
  readonly caseId: string;
  readonly actorSub: string;
  readonly actorOrg: string;
  /** The reader's role that allowed the purpose (readingRole). */
  readonly actorRole: string;
  readonly purpose: string;
  readonly section: string;
  readonly keyVersion: number;
}
