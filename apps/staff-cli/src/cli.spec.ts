import { runCli } from './cli';
import { COMMANDS } from './commands';

describe('runCli', () => {
  it("prints commander's help on stdout and exits 0, for the program and for each command", async () => {
    const result = await runCli(['--help'], {});
    expect(result).toMatchObject({ exitCode: 0, stderr: '' });
    // The real invocation: there is no installed `refugio` binary.
    expect(result.stdout).toMatch(/^Usage: npm run -s cli -- \[options\] \[command\]\n/);
    for (const group of new Set(COMMANDS.map((c) => c.name.split(' ')[0]))) expect(result.stdout).toContain(group);
    for (const command of COMMANDS) {
      const help = await runCli([...command.name.split(' '), '--help'], {});
      expect(help).toMatchObject({ exitCode: 0, stderr: '' });
      expect(help.stdout.startsWith(`Usage: npm run -s cli -- ${command.name} `)).toBe(true);
      expect(help.stdout).not.toContain('refugio');
    }
  });

  it('reports a failure as one JSON line on stderr, exit code 1, nothing on stdout', async () => {
    const result = await runCli(['case', 'delete'], {});
    expect(result).toMatchObject({ exitCode: 1, stdout: '' });
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(result.stderr)).toEqual({ error: 'CLI.USAGE', message: expect.any(String) as string });
  });

  it('needs an intake URL for commands that talk to intake', async () => {
    const result = await runCli(['keys', 'show', 'org-a'], { REFUGIO_TOKEN: 'a.b.c' });
    expect(JSON.parse(result.stderr)).toMatchObject({ error: 'CLI.CONFIG' });
  });
});
