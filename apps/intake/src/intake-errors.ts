import { defineErrorCatalog } from '@app/errors';

/**
 * Every code intake's own rules answer with: keys, cases, the provider
 * directory, referrals, encrypted sections, envelopes, consent and the access
 * log (docs/consent-api.md, docs/referrals.md). Throwers name a code here;
 * the problem filter and docs/errors.md read status and meaning from this
 * file (`npm run docs:errors` after a change).
 */
export const INTAKE_ERRORS = defineErrorCatalog('intake', {
  'KEYS.ALREADY_REGISTERED': { status: 409, when: 'first registration twice; rotate instead' },
  'KEYS.ROTATION_REQUIRED': { status: 400, when: 'a first registration for a key version other than 1' },
  'KEYS.WRONG_ORGANIZATION': { status: 403, when: "a registration for another organization than the caller's" },
  'KEYS.VERSION_CONFLICT': { status: 409, when: 'a lost rotation race; reload and retry' },
  'KEYS.NOT_FOUND': { status: 404, when: 'the organization has no keys' },
  'KEYS.VERSION_NOT_FOUND': { status: 404, when: 'the organization has no such key version' },
  'CASE.VERSION_CONFLICT': { status: 409, when: 'the case changed since the version the caller sent' },
  'CASE.CONCURRENT_CHANGE': { status: 409, when: 'another write to the case landed first; reload and retry' },
  'CASE.ALREADY_CLOSED': { status: 409, when: 'closing a case that is closed' },
  'CASE.NOT_CLOSED': { status: 409, when: 'reopening a case that is open' },
  'CASE.CLOSED': { status: 409, when: "changing a closed case's routing; reopen it first" },
  'CASE.INVALID_CURSOR': { status: 400, when: 'a case list cursor not of the shape this list returns' },
  'CASE.ALREADY_ERASED': { status: 409, when: 'the case was erased before' },
  'DIRECTORY.NOT_FOUND': { status: 404, when: 'the organization has no listed directory entry' },
  'DIRECTORY.VERSION_CONFLICT': { status: 409, when: 'the entry changed since the version the caller sent' },
  'DIRECTORY.KEYS_REQUIRED': {
    status: 409,
    when: 'publishing an entry before registering keys: partners are found to be sealed to',
  },
  'DIRECTORY.INVALID_CURSOR': { status: 400, when: 'a directory search cursor not of the shape the search returns' },
  'REFERRAL.NOT_FOUND': {
    status: 404,
    when: 'no such referral sent by or made to the caller’s organization (one answer for both)',
  },
  'REFERRAL.ALREADY_EXISTS': {
    status: 409,
    when: 'a referral with that id exists; the SDK makes a new id per referral',
  },
  'REFERRAL.ALREADY_OPEN': { status: 409, when: 'the case has a requested or accepted referral to that partner' },
  'REFERRAL.PARTNER_IS_SENDER': { status: 422, when: 'a referral to the sending organization itself' },
  'REFERRAL.PARTNER_NOT_LISTED': { status: 422, when: 'the partner has no listed directory entry' },
  'REFERRAL.PARTNER_NOT_ACCEPTING': { status: 409, when: 'the partner’s directory entry takes no referrals now' },
  'REFERRAL.CONSENT_MISSING': {
    status: 403,
    when: 'no active grant to the partner covers a section for the purpose; the detail names each one missing',
  },
  'REFERRAL.NEED_NOT_ROUTED': { status: 422, when: "a need category the case's routing does not have" },
  'REFERRAL.SECTION_MISSING': {
    status: 422,
    when: 'a listed section has no content yet, or must rotate its key before it can be shared',
  },
  'REFERRAL.ENVELOPES_MISMATCH': {
    status: 422,
    when: "not exactly one envelope per listed section, each sealed to the partner at the section's current key",
  },
  'REFERRAL.NOTE_RECIPIENT_MISMATCH': {
    status: 422,
    when: "the teaser note is not sealed to the partner's current registered key",
  },
  'REFERRAL.INVALID_DEADLINE': { status: 400, when: 'respondBy in the past, or more than 30 days ahead' },
  'REFERRAL.NOT_OPEN': {
    status: 409,
    when:
      'the referral is not in a state that allows this (accepting a withdrawn or expired one, completing a ' +
      'requested one)',
  },
  'REFERRAL.NO_CAPACITY': {
    status: 409,
    when: "the partner's accepted referrals fill its referral capacity; one must end first",
  },
  'REFERRAL.CONCURRENT_CHANGE': { status: 409, when: 'the referral changed while this request was applied; reload' },
  'REFERRAL.INVALID_CURSOR': { status: 400, when: 'a referral list cursor not of the shape the list returns' },
  'READ.PURPOSE_NOT_ALLOWED': {
    status: 403,
    when: "none of the caller's roles may read for that purpose (ROLE_PURPOSES); checked before the case is looked at",
  },
  'SECTION.NOT_FOUND': {
    status: 404,
    when:
      'no such section or case, or nothing the caller may have of it for that purpose (one answer for all, so a ' +
      'section read never tells whether a case exists)',
  },
  'SECTION.CONTEXT_MISMATCH': { status: 422, when: 'the record is for another case or section (a moved ciphertext)' },
  'SECTION.AUTHOR_MISMATCH': { status: 422, when: "not authored by the caller's organization" },
  'SECTION.AUTHOR_KEY_UNKNOWN': { status: 422, when: "not signed with the organization's current registered key" },
  'SECTION.CONTENT_VERSION_CONFLICT': { status: 409, when: 'not the next content version (a stale write or a replay)' },
  'SECTION.KEY_VERSION_RETIRED': { status: 409, when: 'the key version was retired by a withdrawal or expiry; rotate' },
  'SECTION.KEY_VERSION_CONFLICT': { status: 409, when: 'neither the current key version nor the next' },
  'SECTION.ENVELOPES_UNCHANGED': { status: 400, when: 'a content update came with envelopes (add them separately)' },
  'SECTION.TOO_LARGE': { status: 413, when: 'over 256 KiB of padded content (the ciphertext plus its 16-byte tag)' },
  'SECTION.CONCURRENT_CHANGE': {
    status: 409,
    when: 'the section or its grants changed while the write was checked; reload and retry',
  },
  'ENVELOPE.MALFORMED': { status: 400, when: 'the envelopes are not an array' },
  'ENVELOPE.TOO_MANY': { status: 400, when: 'over 50 envelopes in one request' },
  'ENVELOPE.DUPLICATE_RECIPIENT': { status: 400, when: 'two envelopes for one organization' },
  'ENVELOPE.CONTEXT_MISMATCH': { status: 422, when: 'an envelope for another case, section or key version' },
  'ENVELOPE.CONSENT_MISMATCH': { status: 422, when: 'an envelope naming a consent that grants its recipient nothing' },
  'ENVELOPE.NO_ACTIVE_GRANT': { status: 403, when: 'the recipient has no active grant for the section' },
  'ENVELOPE.HELD_FOR_REFERRAL': {
    status: 409,
    when: "an envelope outside a referral for a recipient whose grants only disclose through one (action 'disclose')",
  },
  'ENVELOPE.RECIPIENT_KEY_MISMATCH': { status: 422, when: "not sealed to the recipient's current registered key" },
  'ENVELOPE.OWNER_MISSING': { status: 422, when: "a new key version without the owner's own envelope" },
  'CONSENT.CASE_MISMATCH': { status: 422, when: 'the receipt names another case' },
  'CONSENT.COLLECTOR_MISMATCH': { status: 422, when: 'the receipt names a collector other than the caller' },
  'CONSENT.SIGNER_KEY_UNKNOWN': { status: 422, when: "not signed with the organization's current registered key" },
  'CONSENT.CLIENT_MISMATCH': { status: 422, when: 'a new version of a consent names another client reference' },
  'CONSENT.GRANTEE_UNKNOWN': { status: 422, when: 'a grantee without registered keys' },
  'CONSENT.GRANTEE_IS_OWNER': { status: 422, when: 'a grant to the owner organization itself' },
  'CONSENT.VERSION_CONFLICT': {
    status: 409,
    when: 'a new consent not at version 1, or a version that does not follow',
  },
  'GRANT.NOT_FOUND': { status: 404, when: 'no such grant' },
  'GRANT.ALREADY_ENDED': { status: 409, when: 'the grant was withdrawn, expired or superseded before' },
  'RECEIPT.NOT_FOUND': {
    status: 404,
    when: 'no consent has that receipt code, and no erased case kept it for its access log',
  },
  'ACCESS_LOG.BROKEN': {
    status: 500,
    when:
      "the case's access log no longer verifies from its head: hand-outs stop until it is repaired " +
      '(a hand-out that cannot be logged must not happen)',
  },
  'ACCESS_LOG.CONTENDED': { status: 503, when: 'too many concurrent hand-outs of one case; retry' },
});
