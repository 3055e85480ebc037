import { DomainError } from '@app/errors';
import { INTAKE_ERRORS } from '../../intake-errors';

/**
 * The case's log does not extend from its head: an entry was altered or
 * removed. No hand-out can be recorded on a broken chain, so none happens
 * until someone has looked.
 */
export class AccessLogBrokenError extends DomainError {
  constructor() {
    super(
      INTAKE_ERRORS.code('ACCESS_LOG.BROKEN'),
      'the access log of this case does not verify; nothing can be handed out until it is repaired',
    );
  }
}

/** Every attempt lost the race for the next seq to another hand-out of the same case. */
export class AccessLogContendedError extends DomainError {
  constructor() {
    super(INTAKE_ERRORS.code('ACCESS_LOG.CONTENDED'), 'too many concurrent reads of this case; retry');
  }
}
