/** The `code` of what `run` throws (CliError and CryptoError carry one), or undefined if it does not throw. */
export function codeOf(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return (error as { code?: unknown }).code;
  }
  return undefined;
}
