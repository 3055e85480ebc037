import { Injectable } from '@nestjs/common';
import { REFERRAL_RECEIVER_ROLES, CASE_MANAGER_ROLES, type ReferralStatus, type Role } from '@app/contracts';
import { type Referral } from '../domain/referral';
import { eitherSideScope, partnerScope, senderScope, type ReferralScope } from '../domain/referral-scope';
import { ReferralRepository } from '../persistence/referral.repository';
import { decodeReferralCursor, encodeReferralCursor } from './referral-cursor';
import { referralNotFound } from './referral-errors';

export type ReferralBox = 'sent' | 'received';

export interface ReferralPage {
  readonly items: readonly Referral[];
  readonly nextCursor?: string;
}

const sends = (roles: readonly Role[]): boolean =>
  roles.some((role) => (CASE_MANAGER_ROLES as readonly Role[]).includes(role));
const receives = (roles: readonly Role[]): boolean =>
  roles.some((role) => (REFERRAL_RECEIVER_ROLES as readonly Role[]).includes(role));

/**
 * The side of referrals a caller sees follows its roles: case managers see
 * those their organization sent, receivers those made to it. Asking for the
 * other side is the same empty answer as having none.
 */
function scopeFor(orgId: string, roles: readonly Role[], box?: ReferralBox): ReferralScope | undefined {
  if (box === 'sent') return sends(roles) ? senderScope(orgId) : undefined;
  if (box === 'received') return receives(roles) ? partnerScope(orgId) : undefined;
  if (sends(roles) && receives(roles)) return eitherSideScope(orgId);
  return sends(roles) ? senderScope(orgId) : receives(roles) ? partnerScope(orgId) : undefined;
}

@Injectable()
export class ReferralQueries {
  constructor(private readonly referrals: ReferralRepository) {}

  async get(orgId: string, roles: readonly Role[], referralId: string): Promise<Referral> {
    const scope = scopeFor(orgId, roles);
    const found = scope && (await this.referrals.find(scope, referralId));
    if (!found) throw referralNotFound();
    return found;
  }

  async list(
    orgId: string,
    roles: readonly Role[],
    box: ReferralBox | undefined,
    status: ReferralStatus | undefined,
    limit: number,
    cursor?: string,
  ): Promise<ReferralPage> {
    const after = cursor === undefined ? undefined : decodeReferralCursor(cursor);
    const scope = scopeFor(orgId, roles, box);
    if (!scope) return { items: [] };
    const { items, more } = await this.referrals.list(scope, status, limit, after);
    const last = items.at(-1);
    return more && last
      ? { items, nextCursor: encodeReferralCursor({ createdAt: last.createdAt, referralId: last.referralId }) }
      : { items };
  }
}
