import { type DomainError, NotFoundError } from '@app/errors';
import { INTAKE_ERRORS } from '../../intake-errors';

export const entryNotFound = (): NotFoundError => new NotFoundError(INTAKE_ERRORS.code('DIRECTORY.NOT_FOUND'));

export const entryVersionConflict = (): DomainError =>
  INTAKE_ERRORS.error('DIRECTORY.VERSION_CONFLICT', 'the directory entry changed since that version; reload and retry');

export const keysRequired = (): DomainError =>
  INTAKE_ERRORS.error(
    'DIRECTORY.KEYS_REQUIRED',
    'register the organization’s keys before publishing its entry: referrals are sealed to them',
  );

export const invalidProviderCursor = (): DomainError =>
  INTAKE_ERRORS.error('DIRECTORY.INVALID_CURSOR', 'the cursor is not of the shape this search returns');
