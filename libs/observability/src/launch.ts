import { startTelemetry } from './telemetry';

/**
 * Starts tracing, then runs the service's start. Tracing must be running
 * before the HTTP stack is loaded, so `start` imports the platform and the
 * service itself (dynamic imports); observability knows nothing of either,
 * which keeps the libraries free of import cycles.
 */
export function launch(name: string, start: () => Promise<unknown>): void {
  startTelemetry(name);
  start().catch((error: unknown) => {
    // The stack says which start step failed (a client library's message
    // alone often does not); nothing a request carried exists yet.
    process.stderr.write(
      `${name} failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  });
}
