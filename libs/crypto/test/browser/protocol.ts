// What the Node test and the page exchange through page.evaluate: JSON only
// (playwright serializes arguments and results), so keys travel as base64url.
// Imported by both sides, so it must stay free of Node and DOM APIs.
import {
  type AccessLogEntry,
  type ConsentReceipt,
  type KeyEnvelope,
  type Keyfile,
  type OrgPublicKeyRecord,
  type SectionRecord,
  utf8Encode,
} from '../../src/index';

/** An organization's two secrets, base64url: what orgKeysFromSecrets rebuilds keys from. Test-only. */
export interface KeySecrets {
  readonly orgId: string;
  readonly keyVersion: number;
  readonly encryptionPrivateKey: string;
  readonly signingSeed: string;
}

/** A section sealed on one side for a reader whose secrets travel with it. */
export interface SealedForOtherSide {
  readonly record: SectionRecord;
  readonly envelope: KeyEnvelope;
  readonly author: OrgPublicKeyRecord;
  readonly reader: KeySecrets;
}

/** Node -> page: a section Node sealed, for the page to open. */
export interface PageInput {
  readonly fromNode: SealedForOtherSide;
}

/** One in-page check: passed, or what was wrong (never a secret). */
export interface CheckResult {
  readonly name: string;
  readonly passed: boolean;
  readonly detail?: string;
}

/** Page -> Node. */
export interface PageReport {
  /** `typeof Buffer` in the page: 'undefined' proves base64url took the atob/btoa path. */
  readonly bufferType: string;
  readonly userAgent: string;
  readonly checks: readonly CheckResult[];
  /** The page's decryption of what Node sealed (Node -> browser). */
  readonly openedFromNode: string;
  /** Made in the page, for Node to open and verify (browser -> Node). */
  readonly forNode: SealedForOtherSide & {
    readonly keyfile: Keyfile;
    readonly keyfilePassphrase: string;
    readonly receipt: ConsentReceipt;
    readonly accessLog: readonly AccessLogEntry[];
  };
}

/** What the page's global offers the test. */
export interface SdkPage {
  runSdkChecks(input: PageInput): Promise<PageReport>;
}

/**
 * The section both sides seal: exactly 1024 UTF-8 bytes with accents, an
 * emoji sequence and a non-binary identity, so text encoding is exercised on
 * both sides. Deterministic, so each side knows what the other must decrypt.
 */
export function oneKilobyteSection(label: string): string {
  const head = `{"label":"${label}","chosenName":"Dani Pérez","genderIdentity":"no binarie","note":"refugio 🏳️‍🌈`;
  const tail = '"}';
  const headBytes = utf8Encode(head).length;
  return head + 'x'.repeat(1024 - headBytes - tail.length) + tail;
}
