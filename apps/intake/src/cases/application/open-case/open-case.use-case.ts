import { Inject, Injectable } from '@nestjs/common';
import { CaseOpenedV2, newCaseId, type Routing } from '@app/contracts';
import { OUTBOX_NOTIFIER, type OutboxNotifier, buildEvent } from '@app/messaging';
import { CaseRepository } from '../../persistence/case.repository';

import { type Case } from '../../domain/case';
import { originOf } from '../event-origin';

@Injectable()
export class OpenCase {
  constructor(
    private readonly cases: CaseRepository,
    @Inject(OUTBOX_NOTIFIER) private readonly outbox: OutboxNotifier,
  ) {}

  async execute(orgId: string, routing: Routing, correlationId: string): Promise<Case> {
    const now = new Date();
    const opened: Case = {
      caseId: newCaseId(),
      ownerOrgId: orgId,
      routing,
      status: 'open',
      version: 1,
      openedAt: now,
      updatedAt: now,
    };
    const event = buildEvent(
      CaseOpenedV2,
      opened.caseId,
      opened.version,
      { caseId: opened.caseId, ownerOrgId: orgId },
      originOf(correlationId),
    );
    await this.cases.insert(opened, event);
    this.outbox.notify();
    return opened;
  }
}
