import { DomainError, NotFoundError } from '@app/errors';

export function keyVersionRetired(): DomainError {
  return new DomainError(
    'SECTION.KEY_VERSION_RETIRED',
    409,
    'this key version was retired by a withdrawal or expiry; rotate to a new key version',
  );
}

/** One answer for "no such section", "not granted" and "no envelope for you", so a refusal reveals nothing. */
export function sectionNotAvailable(): NotFoundError {
  return new NotFoundError('section');
}
