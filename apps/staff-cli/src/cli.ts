import { initCrypto, type JsonValue } from '@app/crypto';
import { parseCommandLine } from './args/parse-command-line';
import { type CliDeps, type CliEnv, type CliResult, type CommandOutput } from './cli-types';
import { COMMANDS } from './commands';
import { CliContext } from './context/cli-context';
import { type CliNotice } from './errors/cli-notice';
import { errorLine } from './errors/format-error';

/**
 * The whole CLI as a function: arguments and environment in, output out. No
 * process globals are touched, so tests drive it in-process with their own
 * env, fetch and clock; main.ts only wires it to process.argv and stdio.
 */
export async function runCli(argv: readonly string[], env: CliEnv, deps: CliDeps = {}): Promise<CliResult> {
  const notices: CliNotice[] = [];
  const result = await runCommand(argv, env, deps, notices);
  const lines = notices.map((notice) => `${JSON.stringify(notice)}\n`).join('');
  return lines === '' ? result : { ...result, stderr: `${lines}${result.stderr}` };
}

async function runCommand(
  argv: readonly string[],
  env: CliEnv,
  deps: CliDeps,
  notices: CliNotice[],
): Promise<CliResult> {
  try {
    // The SDK's synchronous helpers (fingerprints, receipt signature checks)
    // refuse to run until libsodium has loaded; async calls load it themselves,
    // so without this a command whose first crypto call is synchronous fails.
    await initCrypto();
    const parsed = parseCommandLine(argv, COMMANDS);
    if (parsed.kind === 'help') return { exitCode: 0, stdout: parsed.text, stderr: '' };
    const context = new CliContext(env, parsed.input.values, deps, notices);
    return render(await parsed.command.run(parsed.input, context));
  } catch (error) {
    return { exitCode: 1, stdout: '', stderr: `${JSON.stringify(errorLine(error))}\n` };
  }
}

function render(output: CommandOutput): CliResult {
  if (output.kind === 'text') return { exitCode: 0, stdout: output.text, stderr: '' };
  if (!output.failure) return success(output.value);
  return {
    exitCode: 1,
    stdout: `${JSON.stringify(output.value, null, 2)}\n`,
    stderr: `${JSON.stringify({ error: output.failure.code, message: output.failure.message })}\n`,
  };
}

function success(value: JsonValue): CliResult {
  return { exitCode: 0, stdout: `${JSON.stringify(value, null, 2)}\n`, stderr: '' };
}
