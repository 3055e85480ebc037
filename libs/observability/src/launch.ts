import { startTelemetry } from './telemetry';

interface Bootstrappable {
  name: string;
}

/**
 * Starts tracing, then loads and boots the service. Tracing must be running
 * before the HTTP stack is loaded, hence the dynamic imports.
 */
export function launch<Definition extends Bootstrappable>(name: string, load: () => Promise<Definition>): void {
  startTelemetry(name);
  Promise.all([load(), import('@app/http')])
    .then(([definition, http]) =>
      http.bootstrapService(definition as unknown as Parameters<typeof http.bootstrapService>[0]),
    )
    .catch((error: unknown) => {
      // The stack says which start step failed (a client library's message
      // alone often does not); nothing a request carried exists yet.
      process.stderr.write(
        `${name} failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exit(1);
    });
}
