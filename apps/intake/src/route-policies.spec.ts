import { ROLES } from '@app/contracts';
import { routeAccess } from '@app/platform';
import { configForModuleTests } from '@app/testing';
import { intakeService } from './intake.service';

/**
 * Who may call each of intake's routes, as data: a new route fails this test
 * until it declares its access here and on the route (`@Roles` or `@Public`).
 * Which organization's data a route reaches is the repository scope's job;
 * which purposes a read may claim is ROLE_PURPOSES'.
 */
const EXPECTED: Record<string, 'public' | readonly string[]> = {
  'GET /health': 'public',
  'GET /ready': 'public',
  'POST /cases': ['intake_worker', 'org_admin'],
  'GET /cases': ['intake_worker', 'legal_staff', 'org_admin'],
  'POST /cases/:caseId/close': ['intake_worker', 'legal_staff', 'org_admin'],
  'POST /cases/:caseId/reopen': ['intake_worker', 'legal_staff', 'org_admin'],
  'GET /cases/:caseId': ['intake_worker', 'legal_staff', 'org_admin'],
  'PUT /cases/:caseId/routing': ['intake_worker', 'org_admin'],
  'GET /cases/:caseId/sections': ROLES,
  'GET /cases/:caseId/sections/:section': ROLES,
  'PUT /cases/:caseId/sections/:section': ['intake_worker', 'org_admin'],
  'POST /cases/:caseId/sections/:section/envelopes': ['intake_worker', 'org_admin'],
  'POST /cases/:caseId/consents': ['intake_worker', 'org_admin'],
  'GET /cases/:caseId/consents': ['intake_worker', 'legal_staff', 'org_admin'],
  'DELETE /cases/:caseId/consents/:consentId/grants/:granteeOrgId': ['intake_worker', 'org_admin'],
  'POST /receipts/lookup': 'public',
  'GET /cases/:caseId/access-log': ['intake_worker', 'legal_staff', 'org_admin'],
  'POST /cases/:caseId/erasure': ['org_admin'],
  'GET /cases/:caseId/erasure': ['org_admin'],
  'POST /organizations/me/keys': ['org_admin'],
  'POST /organizations/me/keys/rotations': ['org_admin'],
  'GET /organizations/:orgId/keys': ROLES,
  'GET /organizations/:orgId/keys/history': ROLES,
  'GET /organizations/:orgId/keys/:keyVersion': ROLES,
  'PUT /organizations/me/directory-entry': ['org_admin'],
  'DELETE /organizations/me/directory-entry': ['org_admin'],
  'GET /organizations/:orgId/directory-entry': ROLES,
  'GET /directory/providers': ROLES,
  'POST /cases/:caseId/referrals': ['intake_worker', 'legal_staff', 'org_admin'],
  'GET /referrals': ['intake_worker', 'legal_staff', 'org_admin', 'partner_attorney'],
  'GET /referrals/:referralId': ['intake_worker', 'legal_staff', 'org_admin', 'partner_attorney'],
  'POST /referrals/:referralId/accept': ['partner_attorney', 'legal_staff', 'org_admin'],
  'POST /referrals/:referralId/decline': ['partner_attorney', 'legal_staff', 'org_admin'],
  'POST /referrals/:referralId/complete': ['partner_attorney', 'legal_staff', 'org_admin'],
  'POST /referrals/:referralId/withdraw': ['intake_worker', 'legal_staff', 'org_admin'],
  'GET /key-directory/head': ROLES,
  'GET /key-directory/log': ROLES,
};

describe("intake's routes", () => {
  it('each declare who may call them, as listed here', () => {
    expect(routeAccess(intakeService.module(configForModuleTests('intake')))).toEqual(EXPECTED);
  });
});
