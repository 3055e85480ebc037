import { ROLES } from '@app/contracts';
import { routeAccess } from '@app/platform';
import { configForModuleTests } from '@app/testing';
import { legalStatusService } from './legal-status.service';

/** Who may call each route, as data: a new route fails this test until it declares its access (`@Roles`/`@Public`). */
const EXPECTED: Record<string, 'public' | readonly string[]> = {
  'GET /health': 'public',
  'GET /ready': 'public',
  'GET /known-cases/:caseId': ROLES,
};

describe("legal-status's routes", () => {
  it('each declare who may call them, as listed here', () => {
    expect(routeAccess(legalStatusService.module(configForModuleTests('legal-status')))).toEqual(EXPECTED);
  });
});
