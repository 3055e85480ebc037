import { Injectable } from '@nestjs/common';
import { type Principal } from '@app/auth';
import { NotFoundError } from '@app/errors';
import { INTAKE_ERRORS } from '../../intake-errors';
import { ProtectedCaseRepository } from '../../cases/persistence/protected-case.repository';
import { AccessLog } from '../../access-log/application/access-log.service';
import { caseNotFound } from '../../cases/application/case-errors';
import { normalizeReceiptCode, receiptCodeHash } from './receipt-code';
import { type Grant, type StoredConsent } from '../../cases/domain/protected-content';
import { type AccessLogChain } from '../../access-log/application/access-log.service';

/** A case's consents with the grants they made, as the owner reads them. */
export interface OwnerConsents {
  readonly consents: readonly StoredConsent[];
  readonly grants: readonly Grant[];
}

/** What a receipt code shows its holder: one consent, its grants, and the case's access log. */
export interface ClientReceipt {
  readonly caseId: string;
  readonly consent: StoredConsent;
  readonly grants: readonly Grant[];
  readonly accessLog: AccessLogChain;
}

/** Reads of consents: the owner's view, and the client's view through the receipt code. */
@Injectable()
export class ConsentQueries {
  constructor(
    private readonly cases: ProtectedCaseRepository,
    private readonly accessLog: AccessLog,
  ) {}

  async forOwner(principal: Principal, caseId: string): Promise<OwnerConsents> {
    const current = await this.cases.load(caseId, { sections: 'none', consents: true });
    if (!current || current.ownerOrgId !== principal.orgId) throw caseNotFound();
    return { consents: current.consents, grants: current.grants };
  }

  /** Everything the client may check with the code: the signed receipts, the grants and the access log of the case. */
  async forClient(receiptCode: string): Promise<ClientReceipt> {
    const normalized = normalizeReceiptCode(receiptCode);
    const hash = normalized ? receiptCodeHash(normalized) : undefined;
    const current = hash ? await this.cases.findByReceiptCodeHash(hash) : undefined;
    const consent = current?.consents.find((candidate) => candidate.receiptCodeHash === hash);
    if (!current || !consent) throw new NotFoundError(INTAKE_ERRORS.code('RECEIPT.NOT_FOUND'));
    return { caseId: current._id, consent, grants: current.grants, accessLog: await this.accessLog.chain(current._id) };
  }
}
