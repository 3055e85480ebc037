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

function help(argv: string[]): string {
  const parsed = parseCommandLine(argv, COMMANDS);
  if (parsed.kind !== 'help') throw new Error('expected help');
  return parsed.text;
}

describe('parseCommandLine', () => {
  it('picks the command from its two words and parses its options, keyed by their long names', () => {
    const parsed = parseCommandLine(
      [
        'section',
        'put',
        '--case',
        'case_0000000001',
        '--section',
        'health',
        '--file',
        'h.json',
        '--intake',
        'http://x',
      ],
      COMMANDS,
    );
    expect(parsed.kind).toBe('run');
    if (parsed.kind !== 'run') return;
    expect(parsed.command.name).toBe('section put');
    expect(parsed.input.values).toMatchObject({
      case: 'case_0000000001',
      section: 'health',
      file: 'h.json',
      intake: 'http://x',
    });
    const fetch = parseCommandLine(['case', 'fetch', '--case', 'c', '--purpose', 'p', '--out-dir', 'd'], COMMANDS);
    expect(fetch.kind === 'run' && fetch.input.values['out-dir']).toBe('d');
  });

  it('takes positionals where the command declares them', () => {
    const parsed = parseCommandLine(['receipt', 'verify', 'ABCD-EFGH-JKMN-PQRS'], COMMANDS);
    expect(parsed.kind === 'run' && parsed.input.positionals).toEqual(['ABCD-EFGH-JKMN-PQRS']);
  });

  it.each([
    ['an unknown command', ['case', 'delete']],
    ['an unknown top-level command', ['frob']],
    ['a group without its subcommand', ['keys']],
    ['an unknown option', ['keys', 'init', '--org', 'o', '--passphrase', 'secret']],
    ['an option without its value', ['section', 'get', '--case']],
    ['a missing required option', ['keys', 'init']],
    ['a missing positional', ['keys', 'show']],
    ['an extra positional', ['section', 'put', '--case', 'c', '--section', 's', '--file', 'f', 'stray']],
    [
      '--out with --stdout',
      ['section', 'get', '--case', 'c', '--section', 's', '--purpose', 'p', '--out', 'o', '--stdout'],
    ],
  ])('refuses %s as a usage error', (_, argv) => {
    expect(usageError(() => parseCommandLine(argv, COMMANDS)).code).toBe(CLI_ERROR_CODES.USAGE);
  });

  it('takes a value that starts with a dash (a base64url id) for an option that takes a value', () => {
    const parsed = parseCommandLine(
      ['consent', 'withdraw', '--case', '-h', '--consent', '-Ab_cdefghijklmnopqrstu', '--grantee', '--org'],
      COMMANDS,
    );
    expect(parsed.kind === 'run' && parsed.input.values).toMatchObject({
      case: '-h',
      consent: '-Ab_cdefghijklmnopqrstu',
      grantee: '--org',
    });
  });

  it("gives commander's message after the command's words", () => {
    expect(
      usageError(() => parseCommandLine(['keys', 'init', '--org', 'o', '--passphrase', 'x'], COMMANDS)).message,
    ).toBe("keys init: unknown option '--passphrase'");
    expect(usageError(() => parseCommandLine(['section', 'get', '--case'], COMMANDS)).message).toBe(
      "section get: option '--case <caseId>' argument missing",
    );
    expect(usageError(() => parseCommandLine(['keys', 'init'], COMMANDS)).message).toBe(
      "keys init: required option '--org <orgId>' not specified",
    );
    expect(usageError(() => parseCommandLine(['case', 'delete'], COMMANDS)).message).toBe(
      "case: unknown command 'delete'",
    );
    expect(usageError(() => parseCommandLine(['keys'], COMMANDS)).message).toBe(
      'keys: expected a command: init, register, rotate, show, trust, trust-directory',
    );
    expect(usageError(() => parseCommandLine(['keys', 'show', 'org-a', '--intak', 'x'], COMMANDS)).message).toMatch(
      /^keys show: unknown option '--intak'\s+\(Did you mean --intake\?\)$/,
    );
  });

  it('never echoes an option value or a stray argument in a usage error', () => {
    const lines = [
      ['keys', 'init', '--org', 'o', '--help=CANARY-secret'],
      ['keys', 'init', '--org', 'o', '--passphrase=CANARY-secret'],
      ['keys', 'init', '--org', 'o', '-pCANARY-secret'],
      ['keys', 'show', 'org-a', 'CANARY-stray'],
      ['CANARY:secret'],
      ['keys', 'CANARY:secret'],
    ];
    for (const argv of lines) {
      const message = usageError(() => parseCommandLine(argv, COMMANDS)).message;
      expect(message).not.toContain('CANARY');
      expect(message).toMatch(/unknown option|too many arguments|unknown command/);
    }
  });

  it('has no passphrase option on any command (arguments are visible in ps)', () => {
    for (const command of COMMANDS) expect(command.options.map((o) => o.flags).join(' ')).not.toMatch(/passphrase/);
    for (const command of COMMANDS) expect(help([...command.name.split(' '), '--help'])).not.toMatch(/--passphrase/);
  });

  it("answers commander's help for no arguments, --help, help, and a command with --help", () => {
    const top = help([]);
    expect(top).toMatch(/^Usage: npm run -s cli -- \[options\] \[command\]/);
    expect(top).toContain('access-log');
    expect(help(['--help'])).toBe(top);
    expect(help(['help'])).toBe(top);
    expect(help(['keys', '--help'])).toMatch(/^Usage: npm run -s cli -- keys /);
    const grant = help(['consent', 'grant', '--help']);
    expect(grant).toMatch(/^Usage: npm run -s cli -- consent grant --case <caseId> --file <path> \[options\]\n/);
    expect(grant).toContain('--consent <consentId>');
    expect(grant).toContain('--keyfile <path>');
    expect(help(['keys', 'show', '-h'])).toMatch(/^Usage: npm run -s cli -- keys show \[options\] <orgId>\n/);
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
