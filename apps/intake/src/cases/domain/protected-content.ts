import { type ConsentAction, type KeyEnvelope, type SectionRecord, type ConsentReceipt } from '@app/crypto';
import { type CaseSection, type Purpose } from '@app/contracts';

/**
 * What intake stores of a case's encrypted content. The record and the
 * envelopes are the SDK's objects as the author sent them (ciphertext and
 * sealed keys only); everything else is the metadata intake needs to decide
 * who may have them.
 */
export interface StoredSection {
  record: SectionRecord;
  contentVersion: number;
  keyVersion: number;
  envelopes: KeyEnvelope[];
  /** Key versions an organization lost access to; never accepted again. */
  retiredKeyVersions: number[];
  /** Set by a withdrawal or expiry: the next write must come with a new key version. */
  rotationRequired: boolean;
  updatedAt: Date;
}

/** One grant of one consent version, with what happened to it since. */
export interface Grant {
  consentId: string;
  consentVersion: number;
  granteeOrgId: string;
  /**
   * `access`: the owner may share the sections' keys with the grantee at any
   * time. `disclose`: only through a referral the grantee accepted (FHIR's
   * "disclose", to a third party); intake holds the keys until then. Absent
   * on grants stored before grants kept their action: those were `access`.
   */
  action?: ConsentAction;
  sections: CaseSection[];
  purposes: Purpose[];
  validFrom: Date;
  validUntil: Date;
  onwardSharing: boolean;
  withdrawnAt?: Date;
  withdrawalChannel?: WithdrawalChannel;
  /** When the expiry sweep deleted its envelopes (reads were refused from validUntil on). */
  expiredAt?: Date;
  /** When a later version of the same consent replaced it. */
  supersededAt?: Date;
}

export const WITHDRAWAL_CHANNELS = ['written', 'verbal', 'app'] as const;
export type WithdrawalChannel = (typeof WITHDRAWAL_CHANNELS)[number];

/** A consent and every signed version of it (the receipts). */
export interface StoredConsent {
  consentId: string;
  currentVersion: number;
  /** SHA-256 of the client's receipt code; the code itself is shown once and never stored. */
  receiptCodeHash: string;
  receipts: ConsentReceipt[];
  createdAt: Date;
}

export type CaseSections = Partial<Record<CaseSection, StoredSection>>;
