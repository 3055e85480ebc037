import { Injectable } from '@nestjs/common';
import { type Principal } from '@app/auth';
import { NotFoundError } from '@app/errors';
import { INTAKE_ERRORS } from '../../intake-errors';
import { type ErasureSummary, ProtectedCaseRepository } from '../../cases/persistence/protected-case.repository';
import { type ReceiptAccessLogEntry } from '@app/crypto';
import { AccessLogReader } from '../../access-log/application/access-log-reader';
import { type AccessLogPage, type AccessLogPageRequest } from '../../access-log/domain/access-log-page';
import { caseNotFound } from '../../cases/application/case-errors';
import { normalizeReceiptCode, receiptCodeHash } from './receipt-code';
import { type Grant, type StoredConsent } from '../../cases/domain/protected-content';
import { ownerScope, receiptHolderScope } from '../../cases/domain/case-scope';

/** A case's consents with the grants they made, as the owner reads them. */
export interface OwnerConsents {
  readonly consents: readonly StoredConsent[];
  readonly grants: readonly Grant[];
}

/** What a receipt code shows its holder: one consent, its grants, and a page of the case's access log. */
export interface ClientReceipt {
  readonly caseId: string;
  readonly consent: StoredConsent;
  readonly grants: readonly Grant[];
  readonly accessLog: AccessLogPage<ReceiptAccessLogEntry>;
}

/**
 * What it shows once the case is erased: the consents went with it, but the
 * client keeps the record of who received what, and learns the erasure.
 */
export interface ErasedCaseReceipt {
  readonly caseId: string;
  readonly erasure: Omit<ErasureSummary, 'caseId'>;
  readonly accessLog: AccessLogPage<ReceiptAccessLogEntry>;
}

/** Reads of consents: the owner's view, and the client's view through the receipt code. */
@Injectable()
export class ConsentQueries {
  constructor(
    private readonly cases: ProtectedCaseRepository,
    private readonly accessLog: AccessLogReader,
  ) {}

  async forOwner(principal: Principal, caseId: string): Promise<OwnerConsents> {
    const current = await this.cases.load(ownerScope(principal.orgId), caseId, { sections: 'none', consents: true });
    if (!current) throw caseNotFound();
    return { consents: current.consents, grants: current.grants };
  }

  /**
   * Everything the client may check with the code: the signed receipts, the
   * grants and a page of the access log of the case (in the receipt holder's
   * view: no staff member's subject); after its erasure, the erasure and the
   * access log.
   */
  async forClient(receiptCode: string, page: AccessLogPageRequest): Promise<ClientReceipt | ErasedCaseReceipt> {
    const normalized = normalizeReceiptCode(receiptCode);
    if (!normalized) throw new NotFoundError(INTAKE_ERRORS.code('RECEIPT.NOT_FOUND'));
    const hash = receiptCodeHash(normalized);
    const scope = receiptHolderScope(hash);
    const found = await this.cases.findByReceipt(scope);
    const caseId = found && ('live' in found ? found.live._id : found.erased.caseId);
    const accessLog = caseId && (await this.accessLog.receiptHoldersPage(scope, caseId, page));
    if (!found || !caseId || !accessLog) throw new NotFoundError(INTAKE_ERRORS.code('RECEIPT.NOT_FOUND'));
    if ('erased' in found) {
      const { erasedAt, legalBasis } = found.erased;
      return { caseId, erasure: { erasedAt, legalBasis }, accessLog };
    }
    const consent = found.live.consents.find((candidate) => candidate.receiptCodeHash === hash);
    if (!consent) throw new NotFoundError(INTAKE_ERRORS.code('RECEIPT.NOT_FOUND'));
    return { caseId, consent, grants: found.live.grants, accessLog };
  }
}
