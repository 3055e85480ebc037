import { z } from 'zod';
import { UUID_V7 } from './uuid-v7';

/** Ids that travel in events: opaque, short, no personal data. */
export const entityId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'expected an opaque id');

/**
 * The envelope every event travels in. `sequence` is per aggregate and
 * strictly increasing, which is what makes consumers idempotent. The W3C
 * traceparent travels in Kafka headers, not here.
 */
export function envelopeSchema<Data extends z.ZodType>(type: string, version: number, data: Data) {
  return z.strictObject({
    eventId: z.string().regex(UUID_V7, 'expected a UUIDv7'),
    type: z.literal(type),
    version: z.literal(version),
    aggregateId: entityId,
    sequence: z.number().int().positive(),
    occurredAt: z.iso.datetime({ offset: false }),
    producer: z.string().regex(/^[a-z][a-z-]{1,40}$/),
    correlationId: z.string().regex(/^[A-Za-z0-9._-]{8,64}$/),
    causationId: z.string().regex(/^[A-Za-z0-9._-]{8,64}$/).nullable(),
    data,
  });
}

export interface EventEnvelope<Data> {
  eventId: string;
  type: string;
  version: number;
  aggregateId: string;
  sequence: number;
  occurredAt: string;
  producer: string;
  correlationId: string;
  causationId: string | null;
  data: Data;
}
