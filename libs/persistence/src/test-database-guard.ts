/**
 * Destructive test set-up (dropping databases) refuses to run unless the
 * database name says it is for tests.
 */
export function assertTestDatabase(databaseName: string): void {
  if (!/(^|[_-])test([_-]|$)/.test(databaseName)) {
    throw new Error(`refusing to drop "${databaseName}": only databases whose name contains "test" may be wiped`);
  }
}
