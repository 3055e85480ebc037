import { Inject, Injectable } from '@nestjs/common';
import { CaseErasedV1 } from '@app/contracts';
import { OUTBOX_NOTIFIER, type OutboxNotifier, buildEvent } from '@app/messaging';
import { originOf } from '../../cases/application/event-origin';
import { caseNotFound, caseVersionConflict } from '../../cases/application/case-errors';
import { CaseAlreadyErasedError, type LegalBasis, type Tombstone } from '../domain/erasure';
import { ErasureRepository } from '../persistence/erasure.repository';
import { ownerScope } from '../../cases/domain/case-scope';

/**
 * Erasure is not based on a version the caller read, so a concurrent change is retried here rather than returned as
 * 409.
 */
const ATTEMPTS = 4;

@Injectable()
export class EraseCase {
  constructor(
    private readonly erasures: ErasureRepository,
    @Inject(OUTBOX_NOTIFIER) private readonly outbox: OutboxNotifier,
  ) {}

  /**
   * Crypto-shredding: deletes the case's sections and envelopes, keeps a
   * tombstone and queues intake.case.erased.v1, in one single-document
   * update guarded by the version just read.
   */
  async execute(
    orgId: string,
    caseId: string,
    legalBasis: LegalBasis,
    erasedBySub: string,
    correlationId: string,
  ): Promise<Tombstone> {
    const erasedAt = new Date();
    const tombstone: Tombstone = { caseId, legalBasis, erasedAt, erasedBySub, confirmations: {} };
    const scope = ownerScope(orgId);
    for (let attempt = 1; attempt <= ATTEMPTS; attempt += 1) {
      const candidate = await this.erasures.findCandidate(scope, caseId);
      if (!candidate) throw caseNotFound();
      if (candidate.erased) throw new CaseAlreadyErasedError();
      const sequence = candidate.version + 1;
      const event = buildEvent(
        CaseErasedV1,
        caseId,
        sequence,
        { caseId, ownerOrgId: orgId, legalBasis, erasedAt: erasedAt.toISOString() },
        originOf(correlationId),
      );
      if (await this.erasures.erase(scope, caseId, candidate, tombstone, event)) {
        this.outbox.notify();
        return tombstone;
      }
    }
    throw caseVersionConflict();
  }
}
