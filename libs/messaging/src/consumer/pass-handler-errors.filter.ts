import { Catch, type RpcExceptionFilter } from '@nestjs/common';
import { type Observable, throwError } from 'rxjs';

/**
 * Hands an event handler's error to ReliableKafkaServer as it was thrown.
 * Without it Nest's RpcExceptionsHandler logs the error itself (through
 * Nest's logger, without the event's topic or id) and replaces it with
 * { status: 'error', message: 'Internal server error' }, so the server's
 * retries and dead letter saw neither the error's name nor its message. The
 * server logs each retry and dead-letters the event with the error's safe
 * description, so nothing is lost by not logging it here.
 */
@Catch()
export class PassHandlerErrors implements RpcExceptionFilter<unknown> {
  catch(exception: unknown): Observable<never> {
    return throwError(() => exception);
  }
}
