import { runCli } from './cli';

describe('runCli', () => {
  it('prints help as JSON and exits 0', async () => {
    const result = await runCli(['--help'], {});
    expect(result.exitCode).toBe(0);
    const help = JSON.parse(result.stdout) as { commands: { command: string; usage: string }[] };
    expect(help.commands.map((c) => c.command)).toContain('section put');
    // The real invocation: there is no installed `refugio` binary.
    for (const c of help.commands) expect(c.usage).toMatch(new RegExp(`^npm run -s cli -- ${c.command} `));
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
