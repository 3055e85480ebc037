import { type FormatVersion, type SIGNATURE_ALG } from '../algorithms';
import { type SectionName } from '../sections';
import {
  type CONSENT_RECORD_TYPE,
  type CollectionMethod,
  type ConsentAction,
  type ConsentGiver,
  type Jurisdiction,
  type Purpose,
  type PurposeBasis,
  type WithholdReason,
} from './consent-vocabulary';

// Type aliases, not interfaces, so that a record is assignable to JsonValue
// and can be signed as canonical JSON.

export type ConsentPurpose = { readonly purpose: Purpose; readonly basis: PurposeBasis };

/** What one organization may do with which sections, for which purposes, until when. */
export type ConsentGrant = {
  readonly granteeOrgId: string;
  readonly action: ConsentAction;
  readonly purposes: readonly ConsentPurpose[];
  readonly sections: readonly SectionName[];
  /** Must be true when the sections include sogiesc, health or protection. */
  readonly expressConsent: boolean;
  /** ISO 8601 UTC. */
  readonly validFrom: string;
  /** ISO 8601 UTC, after validFrom. */
  readonly validUntil: string;
  readonly onwardSharing: boolean;
};

/** A section that must not be shown to one organization, whatever a grant says. */
export type ConsentWithheld = {
  readonly section: SectionName;
  readonly fromOrgId: string;
  readonly reason: WithholdReason;
};

/** One version of a client's consent, as the collecting organization signs it. */
export type ConsentRecord = {
  readonly v: FormatVersion;
  readonly alg: typeof SIGNATURE_ALG;
  readonly type: typeof CONSENT_RECORD_TYPE;
  /** base64url of 16 random bytes (newConsentId); the same for every version. */
  readonly consentId: string;
  /** 1, 2, ...: version n+1 supersedes version n. */
  readonly version: number;
  readonly caseId: string;
  /** `cref_` and 16 random bytes (newClientRef): opaque, never a name; the same for every version. */
  readonly clientRef: string;
  readonly givenBy: ConsentGiver;
  readonly collectedBy: { readonly orgId: string; readonly staffSub: string };
  readonly collectionMethod: CollectionMethod;
  /** ISO 639-1 language the consent was explained in. */
  readonly language: string;
  readonly jurisdiction: Jurisdiction;
  readonly privacyNotice: { readonly ref: string; readonly version: string };
  /** ISO 8601 UTC. */
  readonly dateTime: string;
  readonly grants: readonly ConsentGrant[];
  readonly withheld: readonly ConsentWithheld[];
};

/** The consent receipt: a record with the collecting organization's detached Ed25519 signature. */
export type ConsentReceipt = {
  readonly v: FormatVersion;
  readonly alg: typeof SIGNATURE_ALG;
  readonly record: ConsentRecord;
  /** Id of the collecting organization's Ed25519 signing key. */
  readonly signerKeyId: string;
  /** base64url, 64 bytes, over utf8(canonicalJson(record)). */
  readonly signature: string;
};
