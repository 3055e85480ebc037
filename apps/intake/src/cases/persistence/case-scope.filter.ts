import { type CaseScope } from '../domain/case-scope';

/**
 * The query condition a scope stands for. The grantee half mirrors the
 * domain's isActive (cases/domain/grants.ts): between its dates, and not
 * withdrawn, swept or superseded; a spec holds the two together.
 */
export function scopeFilter(scope: CaseScope): Record<string, unknown> {
  if (scope.kind === 'owner') return { ownerOrgId: scope.orgId };
  if (scope.kind === 'receipt-holder')
    return {
      $or: [
        { 'consents.receiptCodeHash': scope.receiptCodeHash },
        { 'erasure.receiptCodeHashes': scope.receiptCodeHash },
      ],
    };
  const activeGrant: Record<string, unknown> = {
    granteeOrgId: scope.orgId,
    purposes: scope.purpose,
    validFrom: { $lte: scope.at },
    validUntil: { $gt: scope.at },
    withdrawnAt: { $exists: false },
    expiredAt: { $exists: false },
    supersededAt: { $exists: false },
  };
  if (scope.section !== undefined) activeGrant.sections = scope.section;
  return { $or: [{ ownerOrgId: scope.orgId }, { grants: { $elemMatch: activeGrant } }] };
}
