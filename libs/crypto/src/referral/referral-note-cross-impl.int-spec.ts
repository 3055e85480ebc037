// Referral notes across implementations: PyNaCl opens what the SDK seals with
// crypto_box_seal_open and finds the canonical JSON bound to its referral, and
// the SDK opens a note PyNaCl sealed from the format description
// (libs/crypto/test/cross_impl.py). Needs python3 with PyNaCl
// (deploy/local/ensure-pynacl.sh); fails, does not skip, without them.
import { python, requirePyNaCl } from '../../test/cross-impl-python';
import { newOrg, withCode } from '../../test/factories';
import { toBase64Url } from '../encoding/base64url';
import { CRYPTO_ERROR_CODES } from '../errors';
import { recipientKeyOf } from '../keys/org-keys';
import { newReferralId } from './referral-id';
import { type SealedReferralNote, openReferralNote, sealReferralNote } from './referral-note';

// Accents, a line break, a quote and an emoji: escaping and UTF-8 beyond ASCII on both sides.
const NOTE = 'Necesita intérprete de mam.\nDice "no regreso" 🏳️‍🌈';

describe('referral notes across implementations (SDK <-> PyNaCl)', () => {
  beforeAll(requirePyNaCl);

  it('PyNaCl opens a note the SDK sealed, in canonical form and bound to its referral', async () => {
    const partner = await newOrg('org-us-partner');
    const context = { referralId: newReferralId(), senderOrgId: 'org-mx-legal', partnerOrgId: 'org-us-partner' };
    const note = sealReferralNote({ ...context, note: NOTE, partner: recipientKeyOf(partner) });
    const opened = python<Record<string, unknown>>('open-referral-note', {
      note,
      recipientPrivateKey: toBase64Url(partner.encryption.privateKey),
      expected: context,
    });
    expect(opened).toEqual({
      note: NOTE,
      type: 'refugio.referral-note',
      canonical: true,
      fields: ['note', 'partnerOrgId', 'referralId', 'senderOrgId', 'type'],
      boundToExpected: true,
      recipientKeyIdMatches: true,
      tamperedRejected: true,
    });
  });

  it('the SDK opens a note PyNaCl sealed, and still refuses it for another referral', async () => {
    const partner = await newOrg('org-us-partner');
    const context = { referralId: newReferralId(), senderOrgId: 'org-mx-legal', partnerOrgId: 'org-us-partner' };
    const note = python<SealedReferralNote>('seal-referral-note', {
      recipientPublicKey: toBase64Url(partner.encryption.publicKey),
      context,
      note: NOTE,
    });
    expect(openReferralNote(note, partner, context)).toBe(NOTE);
    expect(() => openReferralNote(note, partner, { ...context, referralId: newReferralId() })).toThrow(
      withCode(CRYPTO_ERROR_CODES.KEY_MISMATCH),
    );
  });
});
