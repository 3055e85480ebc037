import { type DomainError, NotFoundError } from '@app/errors';
import { INTAKE_ERRORS } from '../../intake-errors';

export function keyVersionRetired(): DomainError {
  return INTAKE_ERRORS.error(
    'SECTION.KEY_VERSION_RETIRED',
    'this key version was retired by a withdrawal or expiry; rotate to a new key version',
  );
}

/** One answer for "no such section", "not granted" and "no envelope for you", so a refusal reveals nothing. */
export function sectionNotAvailable(): NotFoundError {
  return new NotFoundError(INTAKE_ERRORS.code('SECTION.NOT_FOUND'));
}
