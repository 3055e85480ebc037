import { CLI_ERROR_CODES } from '../errors/cli-error';
import { COMMANDS } from '../commands';
import { parseCommandLine } from './parse-command-line';
import { optionalList, requiredString } from './option-values';
import { isPurpose, requiredPurpose, requiredSection } from './vocabulary-options';

function usageError(run: () => unknown): { code?: unknown; message: string } {
  try {
    run();
  } catch (error) {
    return error as { code?: unknown; message: string };
  }
  throw new Error('expected a usage error');
}

describe('parseCommandLine', () => {
  it('picks the command from its two words and parses its options', () => {
    const parsed = parseCommandLine(
      ['section', 'put', '--case', 'case_1', '--section', 'health', '--file', 'h.json', '--intake', 'http://x'],
      COMMANDS,
    );
    expect(parsed.kind).toBe('run');
    if (parsed.kind !== 'run') return;
    expect(parsed.command.name).toBe('section put');
    expect(parsed.input.values).toMatchObject({
      case: 'case_1',
      section: 'health',
      file: 'h.json',
      intake: 'http://x',
    });
  });

  it('takes positionals where the command declares them', () => {
    const parsed = parseCommandLine(['receipt', 'verify', 'ABCD-EFGH-JKMN-PQRS'], COMMANDS);
    expect(parsed.kind === 'run' && parsed.input.positionals).toEqual(['ABCD-EFGH-JKMN-PQRS']);
  });

  it.each([
    ['an unknown command', ['case', 'delete']],
    ['an unknown option', ['keys', 'init', '--org', 'o', '--passphrase', 'secret']],
    ['an option without its value', ['section', 'get', '--case']],
    ['a missing positional', ['keys', 'show']],
    ['an extra positional', ['section', 'put', 'stray']],
  ])('refuses %s as a usage error', (_, argv) => {
    expect(usageError(() => parseCommandLine(argv, COMMANDS)).code).toBe(CLI_ERROR_CODES.USAGE);
  });

  it('takes a value that starts with a dash (a base64url id) for a string option', () => {
    const parsed = parseCommandLine(
      ['consent', 'withdraw', '--case', 'c', '--consent', '-Ab_cdefghijklmnopqrstu', '--grantee', 'org-a'],
      COMMANDS,
    );
    expect(parsed.kind === 'run' && parsed.input.values).toMatchObject({
      consent: '-Ab_cdefghijklmnopqrstu',
      grantee: 'org-a',
    });
  });

  it('names the option in a usage error', () => {
    expect(usageError(() => parseCommandLine(['keys', 'init', '--passphrase', 'x'], COMMANDS)).message).toBe(
      "keys init: Unknown option '--passphrase'",
    );
    expect(usageError(() => parseCommandLine(['section', 'get', '--case'], COMMANDS)).message).toMatch(
      /'--case <value>' argument missing/,
    );
  });

  it('never echoes an option value in a usage error', () => {
    expect(
      usageError(() => parseCommandLine(['keys', 'init', '--help=CANARY-secret'], COMMANDS)).message,
    ).not.toContain('CANARY');
    expect(
      usageError(() => parseCommandLine(['keys', 'init', '--passphrase=CANARY-secret'], COMMANDS)).message,
    ).not.toContain('CANARY');
    expect(
      usageError(() => parseCommandLine(['keys', 'show', 'org-a', 'CANARY-stray'], COMMANDS)).message,
    ).not.toContain('CANARY');
    expect(
      usageError(() => parseCommandLine(['keys', 'init', '--passphrase=CANARY-secret'], COMMANDS)).message,
    ).not.toContain('CANARY');
  });

  it('has no passphrase option on any command (arguments are visible in ps)', () => {
    for (const command of COMMANDS) expect(Object.keys(command.options)).not.toContain('passphrase');
  });

  it('answers help for no arguments, --help, and a command with --help', () => {
    expect(parseCommandLine([], COMMANDS)).toEqual({ kind: 'help' });
    expect(parseCommandLine(['--help'], COMMANDS)).toEqual({ kind: 'help' });
    const help = parseCommandLine(['consent', 'grant', '--help'], COMMANDS);
    expect(help.kind === 'help' && help.command?.name).toBe('consent grant');
  });

  it('has one command per name', () => {
    expect(new Set(COMMANDS.map((c) => c.name)).size).toBe(COMMANDS.length);
  });
});

describe('option values', () => {
  it('requires non-empty strings', () => {
    expect(requiredString({ case: 'c' }, 'case')).toBe('c');
    expect(usageError(() => requiredString({ case: '' }, 'case')).code).toBe(CLI_ERROR_CODES.USAGE);
    expect(usageError(() => requiredString({}, 'case')).message).toBe('--case is required');
  });

  it('checks sections and purposes against the vocabulary', () => {
    expect(requiredSection({ section: 'sogiesc' })).toBe('sogiesc');
    expect(usageError(() => requiredSection({ section: 'medical' })).code).toBe(CLI_ERROR_CODES.USAGE);
    expect(requiredPurpose({ purpose: 'health_referral' })).toBe('health_referral');
    expect(usageError(() => requiredPurpose({ purpose: 'marketing' })).code).toBe(CLI_ERROR_CODES.USAGE);
  });

  it('splits comma lists and checks every item', () => {
    expect(optionalList({ p: 'legal_representation, shelter_placement' }, 'p', isPurpose)).toEqual([
      'legal_representation',
      'shelter_placement',
    ]);
    expect(optionalList({}, 'p', isPurpose)).toBeUndefined();
    expect(usageError(() => optionalList({ p: 'legal_representation,spam' }, 'p', isPurpose)).code).toBe(
      CLI_ERROR_CODES.USAGE,
    );
    expect(usageError(() => optionalList({ p: ',' }, 'p', isPurpose)).code).toBe(CLI_ERROR_CODES.USAGE);
  });
});
