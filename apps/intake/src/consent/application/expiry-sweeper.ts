import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { z } from 'zod';
import { loadConfig } from '@app/config';
import { OUTBOX_NOTIFIER, type OutboxNotifier } from '@app/messaging';
import { uuidv7 } from '@app/contracts';
import { INTAKE } from '../../cases/application/event-origin';
import { type Grant } from '../../cases/domain/protected-content';
import { ProtectedCaseRepository, type ProtectedCase } from '../../cases/persistence/protected-case.repository';
import { planGrantsChange } from './end-grants';
import { hasEnded } from '../../cases/domain/grants';
import { ownerScope } from '../../cases/domain/case-scope';

const sweepEnv = {
  /** How often expired grants lose their envelopes. Reads are refused from validUntil on regardless. */
  CONSENT_EXPIRY_SWEEP_MS: z.coerce.number().int().min(100).max(3_600_000).default(60_000),
};
const BATCH = 100;

/**
 * Expiry needs no one to act: every read compares validUntil with the clock.
 * This sweep then does what a withdrawal does for the grants that ran out
 * (envelopes deleted, key versions retired) and publishes consent.expired.
 * A lost race with another write is simply retried on the next tick.
 */
@Injectable()
export class ExpirySweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ExpirySweeper.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly cases: ProtectedCaseRepository,
    @Inject(OUTBOX_NOTIFIER) private readonly outbox: OutboxNotifier,
  ) {}

  onApplicationBootstrap(): void {
    const { CONSENT_EXPIRY_SWEEP_MS } = loadConfig(sweepEnv);
    this.timer = setInterval(() => {
      this.running ??= this.sweepOnce()
        .then(() => undefined)
        .catch((error: unknown) =>
          this.logger.error({
            msg: 'expiry sweep failed',
            errorName: error instanceof Error ? error.name : typeof error,
          }),
        )
        .finally(() => (this.running = undefined));
    }, CONSENT_EXPIRY_SWEEP_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Returns how many cases it changed. */
  async sweepOnce(now = new Date()): Promise<number> {
    let changed = 0;
    for (const found of await this.cases.withExpiredGrants(now, BATCH)) {
      if (await this.expire(found, now)) changed += 1;
    }
    if (changed > 0) {
      this.outbox.notify();
      this.logger.log({ msg: 'expired grants swept', cases: changed });
    }
    return changed;
  }

  private expire(current: ProtectedCase, now: Date): Promise<boolean> {
    const due = (grant: Grant): boolean => !hasEnded(grant) && grant.validUntil <= now;
    const ended = current.grants.filter(due).map((before) => ({ before, reason: 'expired' as const }));
    const grants = current.grants.map((grant) => (due(grant) ? { ...grant, expiredAt: now } : grant));
    const origin = { producer: INTAKE, correlationId: `sweep-${uuidv7()}`, causationId: null };
    return this.cases.changeGrants(
      ownerScope(current.ownerOrgId),
      current._id,
      planGrantsChange(current, grants, ended, now, origin),
    );
  }
}
