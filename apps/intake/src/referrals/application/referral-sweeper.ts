import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { z } from 'zod';
import { loadConfig } from '@app/config';
import { uuidv7 } from '@app/contracts';
import { OUTBOX_NOTIFIER, type OutboxNotifier, type EventOrigin } from '@app/messaging';
import { INTAKE } from '../../cases/application/event-origin';
import { ProviderDirectoryRepository } from '../../provider-directory/persistence/provider-directory.repository';
import { partnerScope } from '../domain/referral-scope';
import { ReferralRepository } from '../persistence/referral.repository';
import { ReferralTransitions } from './referral-transitions.service';
import { ReferralCoverage } from './referral-coverage.service';

const sweepEnv = {
  /** How often referrals past their deadline expire, and unfinished releases and withdrawals are finished. */
  REFERRAL_SWEEP_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
};
const BATCH = 100;
/** A unit of capacity held this long by a referral that is not accepted was left by a crash mid-acceptance. */
const STRAY_HOLDER_MS = 5 * 60_000;

export interface SweepResult {
  expired: number;
  released: number;
  takenBack: number;
  withdrawn: number;
  straysFreed: number;
}

/**
 * The referral clock, on every replica at once: each change it makes is one
 * guarded write, so when two replicas reach the same referral only one
 * write lands and only it publishes (an expiry fires exactly once). It also
 * finishes what a crash or a lost race left half done: releases after an
 * acceptance, take-backs after a withdrawal, units of capacity held by a
 * referral that never became accepted, and referrals the consent stopped
 * covering without an event saying so.
 */
@Injectable()
export class ReferralSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReferralSweeper.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  /** Where the consent re-check goes on next tick: it walks open referrals a batch at a time. */
  private coverageCursor: string | undefined;

  constructor(
    private readonly referrals: ReferralRepository,
    private readonly transitions: ReferralTransitions,
    private readonly coverage: ReferralCoverage,
    private readonly directory: ProviderDirectoryRepository,
    @Inject(OUTBOX_NOTIFIER) private readonly outbox: OutboxNotifier,
  ) {}

  onApplicationBootstrap(): void {
    const { REFERRAL_SWEEP_MS } = loadConfig(sweepEnv);
    this.timer = setInterval(() => {
      this.running ??= this.sweepOnce()
        .then(() => undefined)
        .catch((error: unknown) =>
          this.logger.error({
            msg: 'referral sweep failed',
            errorName: error instanceof Error ? error.name : typeof error,
          }),
        )
        .finally(() => (this.running = undefined));
    }, REFERRAL_SWEEP_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  async sweepOnce(now = new Date()): Promise<SweepResult> {
    const origin: EventOrigin = { producer: INTAKE, correlationId: `referral-sweep-${uuidv7()}`, causationId: null };
    const result: SweepResult = { expired: 0, released: 0, takenBack: 0, withdrawn: 0, straysFreed: 0 };
    for (const referral of await this.referrals.due(now, BATCH)) {
      if (referral.status === 'requested') {
        const expired = await this.transitions.apply(referral, { kind: 'expire', at: now }, origin);
        if (expired !== undefined && expired !== 'lost') result.expired += 1;
      } else if (referral.status === 'accepted') {
        if (await this.transitions.release(referral)) result.released += 1;
      } else if (referral.status === 'withdrawn') {
        await this.directory.releaseSlot(referral.partnerOrgId, referral.referralId);
        if (await this.transitions.takeBack(referral)) result.takenBack += 1;
      }
    }

    const open = await this.referrals.open(BATCH, this.coverageCursor);
    this.coverageCursor = open.length === BATCH ? open.at(-1)?.referralId : undefined;
    for (const referral of open) if (await this.coverage.recheck(referral, origin, now)) result.withdrawn += 1;

    for (const holder of await this.directory.holdersSince(new Date(now.getTime() - STRAY_HOLDER_MS), BATCH)) {
      const referral = await this.referrals.find(partnerScope(holder.orgId), holder.referralId);
      if (referral?.status === 'accepted') continue;
      await this.directory.releaseSlot(holder.orgId, holder.referralId);
      result.straysFreed += 1;
    }

    if (Object.values(result).some((count) => count > 0)) {
      this.outbox.notify();
      this.logger.log({ msg: 'referrals swept', ...result });
    }
    return result;
  }
}
