import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { REPO_ROOT } from '@app/testing';

/**
 * Kills a service's Kafka consumer without touching the broker: the service
 * is started with consumer-fault.preload (compiled here, because the services
 * run from dist/ under plain node, which cannot load TypeScript), and
 * `trigger()` makes every consumer fetch fail from then on.
 */
export class ConsumerFault {
  private constructor(
    private readonly dir: string,
    private readonly triggerPath: string,
    /** Environment for ServiceProcess: loads the preload and tells it what to patch. */
    readonly env: Record<string, string>,
  ) {}

  static async prepare(): Promise<ConsumerFault> {
    const dir = await mkdtemp(join(tmpdir(), 'consumer-fault-'));
    const source = await readFile(resolve(__dirname, 'consumer-fault.preload.ts'), 'utf8');
    const compiled = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    });
    const preload = join(dir, 'consumer-fault.preload.js');
    await writeFile(preload, compiled.outputText);
    const triggerPath = join(dir, 'trigger');
    return new ConsumerFault(dir, triggerPath, {
      NODE_OPTIONS: [process.env.NODE_OPTIONS, `--require=${preload}`].filter(Boolean).join(' '),
      // The very file the service's `require('kafkajs')` loads, so the patch reaches its class.
      CONSUMER_FAULT_MODULE: resolve(REPO_ROOT, 'node_modules/kafkajs/src/consumer/consumerGroup.js'),
      CONSUMER_FAULT_TRIGGER: triggerPath,
    });
  }

  async trigger(): Promise<void> {
    await writeFile(this.triggerPath, '');
  }

  async dispose(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }
}
