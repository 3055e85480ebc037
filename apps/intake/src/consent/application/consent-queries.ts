import { Injectable } from '@nestjs/common';
import { type Principal } from '@app/auth';
import { NotFoundError } from '@app/errors';
import { ProtectedCaseRepository } from '../../persistence/protected-case.repository';
import { AccessLog } from '../../access-log/access-log.service';
import { ConsentView } from '../http/consent.views';
import { caseNotFound } from '../../application/case-errors';
import { normalizeReceiptCode, receiptCodeHash } from './receipt-code';
import { type ReceiptView } from '../http/receipt.view';

/** Reads of consents: the owner's view, and the client's view through the receipt code. */
@Injectable()
export class ConsentQueries {
  constructor(
    private readonly cases: ProtectedCaseRepository,
    private readonly accessLog: AccessLog,
  ) {}

  async forOwner(principal: Principal, caseId: string): Promise<ConsentView[]> {
    const current = await this.cases.load(caseId, { sections: 'none', consents: true });
    if (!current || current.ownerOrgId !== principal.orgId) throw caseNotFound();
    const now = new Date();
    return current.consents.map((consent) => ConsentView.of(consent, current.grants, now));
  }

  /** Everything the client may check with the code: the signed receipts, the grants and the access log of the case. */
  async forClient(receiptCode: string): Promise<ReceiptView> {
    const normalized = normalizeReceiptCode(receiptCode);
    const hash = normalized ? receiptCodeHash(normalized) : undefined;
    const current = hash ? await this.cases.findByReceiptCodeHash(hash) : undefined;
    const consent = current?.consents.find((candidate) => candidate.receiptCodeHash === hash);
    if (!current || !consent) throw new NotFoundError('receipt');
    return {
      caseId: current._id,
      ...ConsentView.of(consent, current.grants, new Date()),
      accessLog: await this.accessLog.chain(current._id),
    };
  }
}
