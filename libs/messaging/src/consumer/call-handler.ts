import { KafkaContext, type ServerKafka } from '@nestjs/microservices';
import { type Consumer, type KafkaMessage, type Producer } from 'kafkajs';
import { isObservable, lastValueFrom } from 'rxjs';

export type Handler = NonNullable<ReturnType<ServerKafka['getHandlerByPattern']>>;

/** Where a message came from: enough to dead-letter it. */
export interface Delivery {
  topic: string;
  partition: number;
  message: KafkaMessage;
}

/** The KafkaContext Nest hands a handler (@Ctx()), for one delivery. */
export function kafkaContextOf(
  { topic, partition, message }: Delivery,
  consumer: Consumer,
  producer: Producer,
  heartbeat: () => Promise<void>,
): KafkaContext {
  return new KafkaContext([message, partition, topic, consumer, heartbeat, producer]);
}

/** Calls a Nest handler and waits for its effect, whether it returns a promise or an observable. */
export async function callHandler(handler: Handler, data: unknown, kafkaContext: KafkaContext): Promise<void> {
  const result: unknown = await handler(data, kafkaContext);
  if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
}
