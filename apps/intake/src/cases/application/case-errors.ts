import { DomainError, NotFoundError } from '@app/errors';

/** Same answer whether the case does not exist or belongs to someone else. */
export const caseNotFound = (): NotFoundError => new NotFoundError('case');

export const concurrentChange = (): DomainError =>
  new DomainError('CASE.CONCURRENT_CHANGE', 409, 'the case changed while this request was applied; retry');

/** How many times a use case re-reads and re-decides when a guarded write loses a race. */
export const WRITE_ATTEMPTS = 5;
