import { ROLES } from '@app/contracts';
import { routeAccess } from '@app/platform';
import { configForModuleTests } from '@app/testing';
import { shelterCapacityService } from './shelter-capacity.service';

/** Who may call each route, as data: a new route fails this test until it declares its access (`@Roles`/`@Public`). */
const EXPECTED: Record<string, 'public' | readonly string[]> = {
  'GET /health': 'public',
  'GET /ready': 'public',
  'GET /known-cases/:caseId': ROLES,
};

describe("shelter-capacity's routes", () => {
  it('each declare who may call them, as listed here', () => {
    expect(routeAccess(shelterCapacityService.module(configForModuleTests('shelter-capacity')))).toEqual(EXPECTED);
  });
});
