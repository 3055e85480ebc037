import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * Runs inside a service process (node --require, set up by ConsumerFault):
 * once the trigger file exists, every fetch of the kafkajs consumer fails, as
 * a fetch does when the broker is gone. The broker itself stays up, so the
 * service's Kafka readiness check keeps passing and only the consumer can be
 * what fails readiness.
 *
 * Patches kafkajs internals (2.x keeps ConsumerGroup in its own module); the
 * service loads the same file, so the same class. Fails loudly if the shape
 * changed, rather than starting a service whose fault never fires.
 */
interface FetchingGroup {
  fetch(nodeId: number): Promise<unknown>;
}

const modulePath = process.env.CONSUMER_FAULT_MODULE;
const triggerPath = process.env.CONSUMER_FAULT_TRIGGER;
if (!modulePath || !triggerPath)
  throw new Error('consumer fault preload: CONSUMER_FAULT_MODULE and CONSUMER_FAULT_TRIGGER are required');

const consumerGroup = createRequire(__filename)(modulePath) as { prototype: Partial<FetchingGroup> };
const originalFetch = consumerGroup.prototype.fetch;
if (typeof originalFetch !== 'function')
  throw new Error(`consumer fault preload: ${modulePath} has no ConsumerGroup.prototype.fetch`);

let announced = false;
consumerGroup.prototype.fetch = function fetch(this: FetchingGroup, nodeId: number): Promise<unknown> {
  if (!existsSync(triggerPath)) return originalFetch.call(this, nodeId);
  if (!announced) {
    announced = true;
    // A JSON line like the service's own, so the test can tell the fault fired.
    process.stdout.write(`${JSON.stringify({ msg: 'consumer fault injected', time: new Date().toISOString() })}\n`);
  }
  // A plain Error is retriable for kafkajs: it retries, then asks restartOnFailure, as for a real outage.
  return Promise.reject(new Error('injected consumer fault: fetch failed'));
};
