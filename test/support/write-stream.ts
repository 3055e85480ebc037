/** Opens one case; the answer decides what the stream records. */
export type OpenCase = () => Promise<Response>;

/** How long a writer waits before repeating a write the service refused as retriable. */
const RETRY_PAUSE_MS = 200;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A steady stream of case openings from several concurrent writers, running
 * while the test breaks things around it. Each opening is one outbox event
 * (intake.case.opened), and it counts only once the service accepted it and
 * named the case, so `opened` is exactly the set of events the outbox must
 * deliver. A 503 problem (the service saying "retry") is retried; anything
 * else stops the stream and is kept in `errors`, because a write the test
 * cannot account for would make the final count meaningless.
 */
export class WriteStream {
  readonly opened: string[] = [];
  retried = 0;
  readonly errors: string[] = [];
  private running = true;
  private readonly loops: Promise<void>[];

  constructor(
    writers: number,
    private readonly open: OpenCase,
    private readonly pauseMs: number,
  ) {
    this.loops = Array.from({ length: writers }, (_, writer) => this.write(writer));
  }

  get accepted(): number {
    return this.opened.length;
  }

  /** Stops the writers; resolves once every write in flight has been answered and recorded. */
  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }

  private async write(writer: number): Promise<void> {
    while (this.running && this.errors.length === 0) {
      let response: Response;
      try {
        response = await this.open();
      } catch (error) {
        this.errors.push(`writer ${writer}: ${error instanceof Error ? error.message : String(error)}`);
        return;
      }
      const body = (await response.json().catch(() => undefined)) as { caseId?: unknown; code?: unknown } | undefined;
      if (response.status === 503 && response.headers.get('content-type')?.includes('application/problem+json')) {
        this.retried += 1;
        await sleep(RETRY_PAUSE_MS);
        continue;
      }
      if (response.status !== 201 || typeof body?.caseId !== 'string') {
        this.errors.push(`writer ${writer}: ${response.status} ${JSON.stringify(body)}`);
        return;
      }
      this.opened.push(body.caseId);
      await sleep(this.pauseMs);
    }
  }
}
