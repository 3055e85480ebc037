import { type DomainError, NotFoundError } from '@app/errors';
import { purposesAllowed, type Purpose, type Role } from '@app/contracts';
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

/** Says which purposes the caller's roles allow: that is about the token, never about the case. */
export function purposeNotAllowed(roles: readonly Role[], purpose: Purpose): DomainError {
  const allowed = purposesAllowed(roles);
  return INTAKE_ERRORS.error(
    'READ.PURPOSE_NOT_ALLOWED',
    `your roles do not allow reading for ${purpose}` +
      (allowed.length > 0 ? `; they allow ${allowed.join(', ')}` : '; they allow no purpose'),
  );
}
