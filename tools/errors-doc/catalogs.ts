import { type ErrorCatalog, PLATFORM_ERRORS } from '@app/errors';
import { CASE_DIRECTORY_ERRORS } from '@app/case-directory';
import { INTAKE_ERRORS } from '../../apps/intake/src/intake-errors';

/**
 * Every catalog a service registers (apps/<service>/src/<service>.service.ts
 * lists its own), in the order docs/errors.md shows them. Lives outside
 * apps/ and libs/ because it gathers from both.
 */
export const ALL_CATALOGS: readonly ErrorCatalog[] = [PLATFORM_ERRORS, CASE_DIRECTORY_ERRORS, INTAKE_ERRORS];

export const ERRORS_DOC = 'docs/errors.md';
