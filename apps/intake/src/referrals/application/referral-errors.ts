import { type ReferralStatus } from '@app/contracts';
import { type DomainError, NotFoundError } from '@app/errors';
import { INTAKE_ERRORS } from '../../intake-errors';
import { describeMissing, type MissingGrant } from '../domain/referral-coverage';

export const referralNotFound = (): NotFoundError => new NotFoundError(INTAKE_ERRORS.code('REFERRAL.NOT_FOUND'));

export const referralNotOpen = (status: ReferralStatus): DomainError =>
  INTAKE_ERRORS.error('REFERRAL.NOT_OPEN', `the referral is ${status}; that change is not possible from there`);

export const consentMissing = (missing: readonly MissingGrant[]): DomainError =>
  INTAKE_ERRORS.error('REFERRAL.CONSENT_MISSING', describeMissing(missing));

export const noCapacity = (): DomainError =>
  INTAKE_ERRORS.error(
    'REFERRAL.NO_CAPACITY',
    "the partner's accepted referrals fill its referral capacity; decline, or accept once one has ended",
  );

export const concurrentReferralChange = (): DomainError =>
  INTAKE_ERRORS.error('REFERRAL.CONCURRENT_CHANGE', 'the referral changed while this request was applied; reload');

export const invalidReferralCursor = (): DomainError =>
  INTAKE_ERRORS.error('REFERRAL.INVALID_CURSOR', 'the cursor is not of the shape this list returns');
