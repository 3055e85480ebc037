import { type ConsentRecord } from '@app/crypto';
import { NOW, grantOf } from '../../../test/grant-factory';
import { nextGrants } from './next-grants';

const now = NOW;
const recordV2 = (
  grants: ConsentRecord['grants'],
): Pick<ConsentRecord, 'consentId' | 'version' | 'grants' | 'withheld'> => ({
  consentId: 'consent_1',
  version: 2,
  grants,
  withheld: [],
});

describe('nextGrants (a new consent version)', () => {
  it('withdraws what the previous version still had running and keeps it as history', () => {
    const running = grantOf();
    const { grants, ended } = nextGrants({ grants: [running] }, recordV2([]), now);
    expect(ended).toEqual([{ before: running, reason: 'withdrawn' }]);
    expect(grants).toEqual([{ ...running, supersededAt: now }]);
  });

  // Its envelopes go now: the sweep skips superseded grants.
  it('ends a grant past validUntil that the sweep has not reached as expired', () => {
    const lapsed = grantOf({ validUntil: new Date('2026-11-22T00:00:00Z') });
    const { ended } = nextGrants({ grants: [lapsed] }, recordV2([]), now);
    expect(ended).toEqual([{ before: lapsed, reason: 'expired' }]);
  });

  it('supersedes a grant that has not started without ending anything (it never had envelopes)', () => {
    const future = grantOf({ validFrom: new Date('2026-11-30T00:00:00Z') });
    const { grants, ended } = nextGrants({ grants: [future] }, recordV2([]), now);
    expect(ended).toEqual([]);
    expect(grants).toEqual([{ ...future, supersededAt: now }]);
  });

  it('leaves other consents and grants that already ended alone', () => {
    const otherConsent = grantOf({ consentId: 'consent_2' });
    const withdrawn = grantOf({ withdrawnAt: new Date('2026-11-20T00:00:00Z') });
    const { grants, ended } = nextGrants({ grants: [otherConsent, withdrawn] }, recordV2([]), now);
    expect(ended).toEqual([]);
    expect(grants).toEqual([otherConsent, withdrawn]);
  });
});
