import { type FormatVersion, ENVELOPE_ALG, FORMAT_VERSION, assertFormat } from '../algorithms';
import { canonicalJson } from '../canonical-json';
import { fromBase64Url, toBase64Url } from '../encoding/base64url';
import { utf8Decode, utf8Encode } from '../encoding/utf8';
import { DecryptionFailedError, KeyMismatchError, MalformedInputError } from '../errors';
import { SEALED_BOX_OVERHEAD, openBox, sealBox } from '../envelope/sealed-box';
import { keyIdOf } from '../hash';
import { type OrgKeys, type RecipientKey, PUBLIC_KEY_BYTES, selectKeysFor } from '../keys/org-keys';
import { requireId, requireKeyId, requireKnownFields, requireObject } from '../validate';
import { REFERRAL_ID_LENGTH, requireReferralId } from './referral-id';

/**
 * The short note of a referral's teaser (domain.md, "Referrals"): free text
 * from the sender to the chosen partner ("needs an interpreter of Mam",
 * "HIV treatment must not lapse"), which is exactly what the servers must not
 * read. It is a sealed box to the partner's current X25519 key, like a data
 * key envelope, over the canonical JSON of the note and the referral it
 * belongs to: the partner's SDK refuses a note bound to another referral,
 * sender or partner, so intake cannot move a note from one referral to
 * another.
 */
export const REFERRAL_NOTE_ALG = ENVELOPE_ALG;
export const REFERRAL_NOTE_TYPE = 'refugio.referral-note' as const;
/** Characters (Unicode code points) a note may hold. */
export const MAX_REFERRAL_NOTE_CHARS = 1000;
/**
 * Bound on the sealed plaintext: 1000 code points of at most 4 UTF-8 bytes
 * (or an escaped quote or backslash, 2 bytes), two organization ids of at
 * most 256 characters escaped as \u00xx (6 bytes each), the referral id and
 * the field names: 7,200 bytes at worst.
 */
export const MAX_REFERRAL_NOTE_PLAINTEXT_BYTES = 8192;

/** As it travels in a referral's body and in its teaser. */
export type SealedReferralNote = {
  readonly v: FormatVersion;
  readonly alg: typeof REFERRAL_NOTE_ALG;
  readonly recipientOrgId: string;
  /** Id of the partner's X25519 key the note is sealed to. */
  readonly recipientKeyId: string;
  /** base64url of crypto_box_seal(utf8(canonicalJson({type, referralId, senderOrgId, partnerOrgId, note}))). */
  readonly sealed: string;
};

/** The referral a note belongs to. */
export type ReferralNoteContext = {
  readonly referralId: string;
  readonly senderOrgId: string;
  readonly partnerOrgId: string;
};

export interface SealReferralNoteInput extends ReferralNoteContext {
  readonly note: string;
  /** The partner's current encryption key (from the key directory the caller trusts). */
  readonly partner: RecipientKey;
}

type NotePayload = ReferralNoteContext & { readonly type: typeof REFERRAL_NOTE_TYPE; readonly note: string };

const NOTE_FIELDS = ['v', 'alg', 'recipientOrgId', 'recipientKeyId', 'sealed'] as const;
const PAYLOAD_FIELDS = ['type', 'referralId', 'senderOrgId', 'partnerOrgId', 'note'] as const;

/** The smallest payload there can be: one-character ids and note. */
const MIN_PLAINTEXT_BYTES = utf8Encode(
  canonicalJson({
    type: REFERRAL_NOTE_TYPE,
    referralId: 'r'.repeat(REFERRAL_ID_LENGTH),
    senderOrgId: 's',
    partnerOrgId: 'p',
    note: 'n',
  }),
).length;
export const MIN_SEALED_REFERRAL_NOTE_BYTES = SEALED_BOX_OVERHEAD + MIN_PLAINTEXT_BYTES;
export const MAX_SEALED_REFERRAL_NOTE_BYTES = SEALED_BOX_OVERHEAD + MAX_REFERRAL_NOTE_PLAINTEXT_BYTES;

// C0 controls but the line feed, DEL and C1 controls: nothing that could
// rewrite a terminal or a notification preview, nor hide text.
// eslint-disable-next-line no-control-regex
const FORBIDDEN_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/u;

/** Checks a note's text: 1 to 1000 characters, no control characters except \n. */
export function requireReferralNoteText(value: unknown, field: string): string {
  if (typeof value !== 'string') throw new MalformedInputError(`${field}: expected a string`);
  const chars = [...value].length;
  if (chars === 0 || chars > MAX_REFERRAL_NOTE_CHARS)
    throw new MalformedInputError(`${field}: expected 1 to ${MAX_REFERRAL_NOTE_CHARS} characters`);
  if (FORBIDDEN_CONTROL.test(value))
    throw new MalformedInputError(`${field}: control characters other than a line feed are not allowed`);
  return value;
}

/** Seals a note to the partner, bound to the referral (its id, sender and partner). */
export function sealReferralNote(input: SealReferralNoteInput): SealedReferralNote {
  const context = requireContext(input, 'referral note');
  const note = requireReferralNoteText(input.note, 'referral note');
  const { partner } = input;
  if (partner.orgId !== context.partnerOrgId)
    throw new KeyMismatchError("referral note: the key given is not the partner organization's");
  if (!(partner.publicKey instanceof Uint8Array) || partner.publicKey.length !== PUBLIC_KEY_BYTES)
    throw new MalformedInputError('partner.publicKey: expected 32 bytes');
  if (keyIdOf(partner.publicKey) !== partner.keyId)
    throw new KeyMismatchError('partner: key id is not the hash of its key');
  const payload: NotePayload = { type: REFERRAL_NOTE_TYPE, ...context, note };
  const plaintext = utf8Encode(canonicalJson(payload));
  try {
    if (plaintext.length > MAX_REFERRAL_NOTE_PLAINTEXT_BYTES)
      throw new MalformedInputError('referral note: longer than the format allows');
    return {
      v: FORMAT_VERSION,
      alg: REFERRAL_NOTE_ALG,
      recipientOrgId: partner.orgId,
      recipientKeyId: partner.keyId,
      sealed: toBase64Url(sealBox(plaintext, partner.publicKey)),
    };
  } finally {
    plaintext.fill(0);
  }
}

/**
 * Validates a sealed note received as JSON, strictly: the known fields only,
 * a key id of the right shape and a sealed box of a length a note can have.
 * For intake to check a referral's body; it cannot open the note.
 */
export function parseSealedReferralNote(value: unknown): SealedReferralNote {
  return decodeSealedNote(value).note;
}

function decodeSealedNote(value: unknown): { note: SealedReferralNote; sealed: Uint8Array } {
  const o = requireObject(value, 'referral note');
  assertFormat(o, REFERRAL_NOTE_ALG, 'referral note');
  requireKnownFields(o, NOTE_FIELDS, 'referral note');
  const sealed = fromBase64Url(o.sealed, 'referral note.sealed', { maxLength: MAX_SEALED_REFERRAL_NOTE_BYTES });
  if (sealed.length < MIN_SEALED_REFERRAL_NOTE_BYTES)
    throw new MalformedInputError(`referral note.sealed: shorter than ${MIN_SEALED_REFERRAL_NOTE_BYTES} bytes`);
  return {
    note: {
      v: FORMAT_VERSION,
      alg: REFERRAL_NOTE_ALG,
      recipientOrgId: requireId(o.recipientOrgId, 'referral note.recipientOrgId'),
      recipientKeyId: requireKeyId(o.recipientKeyId, 'referral note.recipientKeyId'),
      sealed: o.sealed as string,
    },
    sealed,
  };
}

/**
 * Opens a note sealed to one of my key versions and returns its text, after
 * checking it belongs to `expected`: the referral the partner asked intake
 * for, its sender, and my own organization. A note bound to anything else is
 * refused (KEY_MISMATCH) even though it decrypts; a tampered one fails to
 * decrypt (DECRYPTION_FAILED).
 */
export function openReferralNote(
  value: unknown,
  myKeys: OrgKeys | readonly OrgKeys[],
  expected: ReferralNoteContext,
): string {
  const { note, sealed } = decodeSealedNote(value);
  if (note.recipientOrgId !== expected.partnerOrgId)
    throw new KeyMismatchError('referral note: sealed to another organization than the partner');
  const keys = selectKeysFor(myKeys, note.recipientOrgId, note.recipientKeyId);
  const plaintext = openBox(sealed, keys.encryption.publicKey, keys.encryption.privateKey);
  try {
    const payload = decodePayload(plaintext);
    if (
      payload.referralId !== expected.referralId ||
      payload.senderOrgId !== expected.senderOrgId ||
      payload.partnerOrgId !== expected.partnerOrgId
    ) {
      throw new KeyMismatchError('referral note: bound to another referral, sender or partner');
    }
    return payload.note;
  } finally {
    plaintext.fill(0);
  }
}

/** The sealed JSON, in its one canonical spelling, with exactly the payload's fields. */
function decodePayload(plaintext: Uint8Array): NotePayload {
  let text: string;
  let parsed: unknown;
  try {
    text = utf8Decode(plaintext);
    parsed = JSON.parse(text);
  } catch {
    throw new DecryptionFailedError('referral note: content is not JSON');
  }
  const o = requireObject(parsed, 'referral note content');
  requireKnownFields(o, PAYLOAD_FIELDS, 'referral note content');
  if (o.type !== REFERRAL_NOTE_TYPE) throw new MalformedInputError('referral note content.type: not a referral note');
  const payload: NotePayload = {
    type: REFERRAL_NOTE_TYPE,
    ...requireContext(o, 'referral note content'),
    note: requireReferralNoteText(o.note, 'referral note content.note'),
  };
  if (canonicalJson(payload) !== text) throw new MalformedInputError('referral note content: not in canonical form');
  return payload;
}

function requireContext(
  o: { readonly referralId?: unknown; readonly senderOrgId?: unknown; readonly partnerOrgId?: unknown },
  what: string,
): ReferralNoteContext {
  return {
    referralId: requireReferralId(o.referralId, `${what}.referralId`),
    senderOrgId: requireId(o.senderOrgId, `${what}.senderOrgId`),
    partnerOrgId: requireId(o.partnerOrgId, `${what}.partnerOrgId`),
  };
}
