// A tiny assertion kit for the page, where jest's expect does not exist. Each
// check reports pass or a reason instead of throwing, so one broken call does
// not hide the results of the others.
import { CryptoError, type CryptoErrorCode } from '../../src/index';
import { type CheckResult } from './protocol';

/** A failed expectation inside a check; its message becomes the check's detail. */
class CheckFailed extends Error {}

export async function check(name: string, body: () => Promise<void>): Promise<CheckResult> {
  try {
    await body();
    return { name, passed: true };
  } catch (error) {
    return { name, passed: false, detail: describe(error) };
  }
}

export function expectEqual<T>(actual: T, expected: T, what: string): void {
  if (actual !== expected) throw new CheckFailed(`${what}: got ${String(actual)}, expected ${String(expected)}`);
}

/** Runs `body`, which must throw the SDK's CryptoError with `code`. */
export async function expectCryptoError(code: CryptoErrorCode, body: () => Promise<unknown>): Promise<void> {
  try {
    await body();
  } catch (error) {
    if (error instanceof CryptoError && error.code === code) return;
    throw new CheckFailed(`expected CryptoError ${code}, got ${describe(error)}`);
  }
  throw new CheckFailed(`expected CryptoError ${code}, nothing was thrown`);
}

function describe(error: unknown): string {
  if (error instanceof CryptoError) return `CryptoError ${error.code}: ${error.message}`;
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
