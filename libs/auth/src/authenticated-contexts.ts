import { type ExecutionContext } from '@nestjs/common';

/**
 * Which execution contexts the global guards check.
 *
 * With `inheritAppConfig: true` (how our hybrid apps connect Kafka) global
 * guards also wrap Kafka handlers. A message has no bearer token: it was
 * authenticated by the broker connection and carries its organization in the
 * validated envelope, so RPC contexts are let through. HTTP is checked. Any
 * other transport (websockets, ...) is refused until someone decides how it
 * authenticates.
 */
export function guardScope(context: ExecutionContext): 'check' | 'skip' | 'refuse' {
  switch (context.getType()) {
    case 'http':
      return 'check';
    case 'rpc':
      return 'skip';
    case 'ws':
    default: // custom contexts (e.g. GraphQL) report other strings at run time
      return 'refuse';
  }
}
