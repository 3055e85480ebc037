import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/**
 * A server under measurement in its own process, so its CPU is its own and
 * the load generator does not share its event loop. Output goes to a file
 * (the parent reads none of it while measuring).
 */
export class ChildServer {
  private constructor(
    readonly name: string,
    readonly port: number,
    private readonly child: ChildProcess,
    private readonly logFile: string,
    private readonly exit: Promise<number | null>,
  ) {}

  get pid(): number | undefined {
    return this.child.pid;
  }

  static async start(options: {
    name: string;
    script: string;
    /** Node options before the script (e.g. --cpu-prof). */
    nodeArgs?: string[];
    port: number;
    env: Record<string, string>;
    logFile: string;
    /** Whether a GET of `readyPath` answered with this status means the server takes requests. */
    readyPath: string;
    ready: (status: number) => boolean;
  }): Promise<ChildServer> {
    const log = openSync(options.logFile, 'w');
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), options.script], {
      env: { ...process.env, ...options.env },
      stdio: ['ignore', log, log],
    });
    closeSync(log);
    const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const server = new ChildServer(options.name, options.port, child, options.logFile, exit);
    let exited: number | null | undefined;
    void exit.then((code) => (exited = code));
    const deadline = Date.now() + 90_000;
    for (;;) {
      if (exited !== undefined) throw new Error(`${options.name} exited (${String(exited)}): ${server.tail()}`);
      const response = await fetch(`http://127.0.0.1:${options.port}${options.readyPath}`).catch(() => undefined);
      if (response) await response.arrayBuffer();
      if (response && options.ready(response.status)) return server;
      if (Date.now() > deadline) throw new Error(`${options.name} not ready after 90 s: ${server.tail()}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  /** The last lines of its output, for an error message. */
  tail(lines = 10): string {
    try {
      return readFileSync(this.logFile, 'utf8').trim().split('\n').slice(-lines).join('\n');
    } catch {
      return '(no output)';
    }
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
    await this.exit;
  }
}
