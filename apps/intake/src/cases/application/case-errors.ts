import { CASE_DIRECTORY_ERRORS } from '@app/case-directory';
import { ConcurrencyConflictError, type DomainError, NotFoundError } from '@app/errors';
import { INTAKE_ERRORS } from '../../intake-errors';

/** Same answer whether the case does not exist or belongs to someone else. */
export const caseNotFound = (): NotFoundError => new NotFoundError(CASE_DIRECTORY_ERRORS.code('CASE.NOT_FOUND'));

/** The caller's expected version is not the stored one. */
export const caseVersionConflict = (): ConcurrencyConflictError =>
  new ConcurrencyConflictError(INTAKE_ERRORS.code('CASE.VERSION_CONFLICT'));

export const caseAlreadyClosed = (): DomainError =>
  INTAKE_ERRORS.error('CASE.ALREADY_CLOSED', 'the case is closed already');

export const caseNotClosed = (): DomainError =>
  INTAKE_ERRORS.error('CASE.NOT_CLOSED', 'the case is open; only a closed case can be reopened');

/** A change only an open case takes (its routing). */
export const caseClosed = (): DomainError => INTAKE_ERRORS.error('CASE.CLOSED', 'the case is closed; reopen it first');

export const invalidCaseCursor = (): DomainError =>
  INTAKE_ERRORS.error('CASE.INVALID_CURSOR', 'the cursor is not of the shape this list returns');

export const concurrentChange = (): DomainError =>
  INTAKE_ERRORS.error('CASE.CONCURRENT_CHANGE', 'the case changed while this request was applied; retry');

/** How many times a use case re-reads and re-decides when a guarded write loses a race. */
export const WRITE_ATTEMPTS = 5;
