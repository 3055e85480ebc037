/** One case and what its writer last had accepted. */
export interface Writer {
  caseId: string;
  version: number;
  regionCode: string;
}

/** Sends one routing update stating the writer's version; the answer decides what the stream records. */
export type PutRouting = (writer: Writer, regionCode: string) => Promise<Response>;

/** How long a writer waits before repeating a write the service refused as retriable. */
const RETRY_PAUSE_MS = 200;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A steady stream of writes, one loop per case, running while the test breaks
 * things around it. A write counts only once the service accepted it and said
 * which version it wrote, so `accepted` is exactly the number of events the
 * outbox must deliver. A 503 problem (the service saying "retry") is retried
 * with the same version; anything else stops the stream and is kept in
 * `errors`, because a write the test cannot account for would make the final
 * count meaningless.
 */
export class WriteStream {
  accepted = 0;
  retried = 0;
  readonly errors: string[] = [];
  private running = true;
  private readonly loops: Promise<void>[];

  constructor(
    writers: Writer[],
    private readonly regions: readonly string[],
    private readonly put: PutRouting,
    private readonly pauseMs: number,
  ) {
    this.loops = writers.map((writer) => this.write(writer));
  }

  /** Stops the writers; resolves once every write in flight has been answered and recorded. */
  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }

  private async write(writer: Writer): Promise<void> {
    while (this.running && this.errors.length === 0) {
      const regionCode = this.regions[writer.version % this.regions.length] ?? writer.regionCode;
      let response: Response;
      try {
        response = await this.put(writer, regionCode);
      } catch (error) {
        this.errors.push(
          `${writer.caseId} at version ${writer.version}: ${error instanceof Error ? error.message : String(error)}`,
        );
        return;
      }
      const body = (await response.json().catch(() => undefined)) as { version?: unknown; code?: unknown } | undefined;
      if (response.status === 503 && response.headers.get('content-type')?.includes('application/problem+json')) {
        this.retried += 1;
        await sleep(RETRY_PAUSE_MS);
        continue;
      }
      if (!response.ok || typeof body?.version !== 'number') {
        this.errors.push(`${writer.caseId} at version ${writer.version}: ${response.status} ${JSON.stringify(body)}`);
        return;
      }
      writer.version = body.version;
      writer.regionCode = regionCode;
      this.accepted += 1;
      await sleep(this.pauseMs);
    }
  }
}
