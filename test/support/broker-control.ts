import { testInfraAsync } from '@app/testing';

/** SIGKILLs the test broker: no clean shutdown, no flush, open requests cut. */
export function killBroker(): Promise<void> {
  return testInfraAsync('kill', 'kafka');
}

/** Starts the test broker again (on the same data directory) and resolves once it serves. */
export function startBroker(): Promise<void> {
  return testInfraAsync('up', 'kafka');
}
