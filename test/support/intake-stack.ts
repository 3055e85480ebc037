import mongoose from 'mongoose';
import { assertTestDatabase } from '@app/persistence';
import { type TrustedIssuer } from '@app/auth';
import { freePort, kafkaBrokers, mongoUri, ServiceProcess } from '@app/testing';
import { DevIssuer } from '../../apps/dev-issuer/src/dev-issuer';

/**
 * A development token issuer and real service processes on the test broker,
 * each service with its own throwaway database, dropped afterwards.
 */
export class TestStack {
  readonly issuer = new DevIssuer();
  readonly services = new Map<string, ServiceProcess>();
  private readonly databases: string[] = [];

  constructor(private readonly run: string) {}

  /**
   * `issuers`, when given, says which issuers the services trust, once this
   * stack's own issuer has started (a test with issuers of its own, each for
   * its organizations); by default the stack's issuer, for any organization.
   */
  async start(
    names: readonly string[],
    extraEnv: Record<string, string> = {},
    issuers?: (own: DevIssuer) => TrustedIssuer[],
  ): Promise<this> {
    await this.issuer.start(0);
    const common = {
      KAFKA_BROKERS: kafkaBrokers().join(','),
      AUTH_ISSUERS: JSON.stringify(issuers ? issuers(this.issuer) : [this.issuer.trustedIssuer()]),
      AUTH_AUDIENCE: this.issuer.audience,
      ...extraEnv,
    };
    for (const name of names) {
      const database = this.databaseOf(name);
      this.databases.push(database);
      this.services.set(
        name,
        new ServiceProcess(name, await freePort(), { ...common, MONGODB_URI: mongoUri(database) }),
      );
    }
    await Promise.all([...this.services.values()].map((service) => service.start()));
    return this;
  }

  service(name: string): ServiceProcess {
    const found = this.services.get(name);
    if (!found) throw new Error(`${name} is not part of this stack`);
    return found;
  }

  databaseOf(name: string): string {
    return `${name.replace('-', '_')}_test_${this.run}`;
  }

  async stop(): Promise<void> {
    await Promise.all([...this.services.values()].map((service) => service.stop()));
    await this.issuer.stop();
    for (const database of this.databases) {
      assertTestDatabase(database);
      const connection = await mongoose.createConnection(mongoUri(database)).asPromise();
      await connection.dropDatabase();
      await connection.close();
    }
  }
}
