import { defineErrorCatalog } from '@app/errors';

/**
 * The case directory's codes, the same in every service that runs it. intake
 * answers with them too: "no such case" is one answer across the platform.
 */
export const CASE_DIRECTORY_ERRORS = defineErrorCatalog('case directory', {
  'CASE.NOT_FOUND': { status: 404, when: "no such case in the caller's organization" },
});
