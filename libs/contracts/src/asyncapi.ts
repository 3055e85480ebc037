import { z } from 'zod';
import { EVENT_CONTRACTS } from './topics';
import { deadLetterTopic, topicSpecsOf } from './event-contract';

/** Camel-case name of a contract for AsyncAPI ids: intake.case.opened v1 → IntakeCaseOpenedV1. */
function messageName(type: string, version: number): string {
  return `${type
    .split(/[.-]/)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('')}V${version}`;
}

const headers = {
  type: 'object',
  properties: {
    traceparent: { type: 'string', description: 'W3C trace context of the request that caused the event.' },
  },
};

/**
 * The AsyncAPI 3.0 document of every event, generated from libs/contracts so
 * it cannot drift from what is validated at run time. `npm run asyncapi`
 * writes it to docs/asyncapi.json; a unit test checks that file is current.
 */
export function asyncApiDocument(): Record<string, unknown> {
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  for (const contract of EVENT_CONTRACTS) {
    const name = messageName(contract.type, contract.version);
    const [topic, deadLetters] = topicSpecsOf(contract);
    channels[name] = {
      address: contract.topic,
      description:
        `${contract.description} Kafka key: the ${contract.aggregate} id. Kept ${contract.retentionDays} days. ` +
        `Undeliverable messages go to ${deadLetterTopic(contract.topic)}, kept ` +
        `${deadLetters!.retentionMs / 86_400_000} days.`,
      bindings: { kafka: { bindingVersion: '0.5.0', topicConfiguration: { 'retention.ms': topic!.retentionMs } } },
      messages: {
        [name]: {
          name,
          title: `${contract.type} v${contract.version}`,
          contentType: 'application/json',
          headers,
          payload: z.toJSONSchema(contract.envelope, { target: 'draft-7' }),
        },
      },
    };
    operations[`publish${name}`] = {
      action: 'send',
      channel: { $ref: `#/channels/${name}` },
      messages: [{ $ref: `#/channels/${name}/messages/${name}` }],
    };
  }
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'refugio events',
      version: '1.0.0',
      description:
        'Events the services exchange over Kafka. Events carry ids, closed-vocabulary terms and state, never case ' +
        'content or routing.',
    },
    defaultContentType: 'application/json',
    channels,
    operations,
  };
}
