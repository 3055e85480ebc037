import { type EventContract, type EventEnvelope } from '@app/contracts';
import { type DeadLetterReason } from '../dlq/dead-letter';

export type Decoded =
  { ok: true; envelope: EventEnvelope<unknown> } | { ok: false; reason: DeadLetterReason; detail: string };

/**
 * Parses and validates a message against its topic's contract, including who
 * may have sent it: the envelope's `producer` must be one of the contract's
 * producers. The broker's ACLs already keep other services off the topic;
 * this check also holds where the broker is misconfigured or shared. The
 * detail names schema paths and rule codes only, never the offending values.
 */
export function decodeEvent(contract: EventContract, value: Buffer | null): Decoded {
  let json: unknown;
  try {
    json = JSON.parse(value?.toString('utf8') ?? '');
  } catch {
    return { ok: false, reason: 'MALFORMED_JSON', detail: 'value is not JSON' };
  }
  const result = contract.envelope.safeParse(json);
  if (!result.success) {
    const detail = result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.code}`).join('; ');
    return { ok: false, reason: 'SCHEMA_INVALID', detail };
  }
  if (!(contract.producers as readonly string[]).includes(result.data.producer)) {
    // The producer is one of a handful of service names, not personal data, but an unknown one could be anything.
    return { ok: false, reason: 'PRODUCER_MISMATCH', detail: `producer: not one of ${contract.producers.join(', ')}` };
  }
  return { ok: true, envelope: result.data };
}
