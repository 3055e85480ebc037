import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { serviceDirectoryKeyEnv } from './infra/directory-signing-key';
import { serviceKafkaSaslEnv } from './infra/kafka-credentials';
import { REPO_ROOT } from './infra/test-infra';
import { waitFor } from './wait-for';

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
 * One built service (dist/) running as its own process, as in production, so
 * tests can SIGKILL and restart it. Its JSON log lines are kept for assertions.
 */
export class ServiceProcess {
  readonly lines: Record<string, unknown>[] = [];
  readonly rawOutput: string[] = [];
  private child: ChildProcess | undefined;
  private exit: Promise<number | null> = Promise.resolve(null);

  constructor(
    readonly name: string,
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const child = spawn(process.execPath, [resolve(REPO_ROOT, `dist/apps/${this.name}/src/main.js`)], {
      // The service's own Kafka principal and secrets, unless the test says otherwise.
      env: {
        ...process.env,
        ...serviceKafkaSaslEnv(this.name),
        ...serviceDirectoryKeyEnv(this.name),
        ...this.env,
        HTTP_PORT: String(this.port),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.exit = new Promise((resolveExit) => child.once('exit', (code) => resolveExit(code)));
    let pending = '';
    const collect = (chunk: Buffer): void => {
      pending += chunk.toString('utf8');
      const parts = pending.split('\n');
      pending = parts.pop() ?? '';
      for (const line of parts) {
        this.rawOutput.push(line);
        try {
          this.lines.push(JSON.parse(line) as Record<string, unknown>);
        } catch {
          // Not a JSON line (e.g. a crash trace on stderr); kept in rawOutput.
        }
      }
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    // A service that exits while starting (bad configuration, say) fails the wait at once, with its last lines.
    let ready = false;
    const exitedFirst = this.exit.then((code) => {
      if (!ready)
        throw new Error(
          `${this.name} exited with code ${String(code)} before it was ready: ${this.rawOutput.slice(-5).join('\n')}`,
        );
    });
    exitedFirst.catch(() => undefined);
    const becameReady = waitFor(
      `${this.name} ready`,
      async () => {
        const response = await fetch(`${this.url}/ready`).catch(() => undefined);
        return response?.status === 200 || undefined;
      },
      90_000,
      250,
    ).then(() => {
      ready = true;
    });
    await Promise.race([becameReady, exitedFirst]);
  }

  /** The exit code once the process ends by itself, or undefined if it is still running after `timeoutMs`. */
  async exited(timeoutMs: number): Promise<number | null | undefined> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<undefined>(
      (resolveTimeout) => (timer = setTimeout(() => resolveTimeout(undefined), timeoutMs)),
    );
    try {
      return await Promise.race([this.exit, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    if (!this.child || this.child.exitCode !== null) return this.child?.exitCode ?? null;
    this.child.kill(signal);
    return this.exit;
  }
}
