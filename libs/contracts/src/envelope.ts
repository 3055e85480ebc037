import { z } from 'zod';
import { UUID_V7 } from './uuid-v7';

/** Ids that travel in events: opaque, short, no personal data. */
export const entityId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'expected an opaque id');

/**
 * The envelope every event travels in. `sequence` is per aggregate and
 * strictly increasing, which is what makes consumers idempotent. The W3C
 * traceparent travels in Kafka headers, not here. When the payload names its
 * aggregate (`caseId` for a case event), that id must be the envelope's
 * `aggregateId`: consumers deduplicate and order by one and may store by the
 * other, so an event whose two ids differ is refused rather than applied.
 */
export function envelopeSchema<Data extends z.ZodType>(type: string, version: number, data: Data, aggregate: string) {
  const idField = `${aggregate}Id`;
  return z
    .strictObject({
      eventId: z.string().regex(UUID_V7, 'expected a UUIDv7'),
      type: z.literal(type),
      version: z.literal(version),
      aggregateId: entityId,
      sequence: z.number().int().positive(),
      occurredAt: z.iso.datetime({ offset: false }),
      producer: z.string().regex(/^[a-z][a-z-]{1,40}$/),
      correlationId: z.string().regex(/^[A-Za-z0-9._-]{8,64}$/),
      causationId: z
        .string()
        .regex(/^[A-Za-z0-9._-]{8,64}$/)
        .nullable(),
      data,
    })
    .superRefine((envelope, context) => {
      const { data: payload, aggregateId } = envelope as { data: unknown; aggregateId: string };
      const named =
        typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>)[idField] : undefined;
      if (named !== undefined && named !== aggregateId) {
        context.addIssue({ code: 'custom', path: ['data', idField], message: 'must equal aggregateId' });
      }
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
