import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { percentile, round } from '../shared/stats';

/** One request, its body already serialized (and its sections already sealed). */
export interface HttpCall {
  method: 'POST' | 'PUT';
  path: string;
  token: string;
  body: string;
}

export interface Reply {
  status: number;
  body: string;
}

/** A unit of work: requests made one after the other, as one client makes them. */
export type Sequence = readonly HttpCall[];

export interface PassResult {
  /** Sequences completed per second (all of them, errors included). */
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Sequences with a reply that is not 2xx, and the first such reply. */
  errors: number;
  firstError?: string;
  /** Each sequence's replies, in the order of the work given. */
  replies: Reply[][];
}

function send(agent: Agent, port: number, call: HttpCall): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        agent,
        host: '127.0.0.1',
        port,
        method: call.method,
        path: call.path,
        headers: {
          authorization: `Bearer ${call.token}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(call.body),
        },
      },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('end', () =>
          resolve({ status: incoming.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
        incoming.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(call.body);
  });
}

async function runSequence(agent: Agent, port: number, sequence: Sequence): Promise<Reply[]> {
  const replies: Reply[] = [];
  for (const call of sequence) {
    const reply = await send(agent, port, call);
    replies.push(reply);
    // A client does not go on with a case whose opening failed.
    if (reply.status >= 300) break;
  }
  return replies;
}

function failed(replies: Reply[], sequence: Sequence): boolean {
  return replies.length < sequence.length || replies.some((reply) => reply.status >= 300);
}

function summary(work: readonly Sequence[], replies: Reply[][], latencies: number[], seconds: number): PassResult {
  latencies.sort((a, b) => a - b);
  const failures = replies.filter((reply, i) => failed(reply, work[i] ?? []));
  const firstFailure = failures[0]?.at(-1);
  return {
    perSecond: replies.length / seconds,
    p50Ms: round(percentile(latencies, 50)),
    p99Ms: round(percentile(latencies, 99)),
    errors: failures.length,
    ...(firstFailure ? { firstError: `${firstFailure.status} ${firstFailure.body.slice(0, 300)}` } : {}),
    replies,
  };
}

/**
 * Maximum throughput: `concurrency` clients on keep-alive connections, each
 * starting its next sequence as soon as the last one is answered, until the
 * work runs out or `seconds` have passed (then the started ones finish).
 */
export async function closedLoop(
  port: number,
  work: readonly Sequence[],
  concurrency: number,
  seconds = Infinity,
): Promise<PassResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const replies: Reply[][] = [];
  const latencies: number[] = [];
  const deadline = performance.now() + seconds * 1000;
  let next = 0;
  const client = async (): Promise<void> => {
    while (next < work.length && performance.now() < deadline) {
      const index = next++;
      const started = performance.now();
      replies[index] = await runSequence(agent, port, work[index]!);
      latencies.push(performance.now() - started);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, client));
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  return summary(work, replies, latencies, elapsed);
}

/**
 * Latency at a given load: sequences started on a fixed schedule whether or
 * not earlier ones are answered (an open loop, so a slow reply cannot slow
 * the arrivals down), each timed from when it was due, not from when the
 * client got round to it (no coordinated omission).
 */
export async function pacedLoop(port: number, work: readonly Sequence[], perSecond: number): Promise<PassResult> {
  const agent = new Agent({ keepAlive: true });
  const replies: Reply[][] = [];
  const latencies: number[] = [];
  const interval = 1000 / perSecond;
  const pending: Promise<void>[] = [];
  const started = performance.now();
  let next = 0;
  await new Promise<void>((resolve) => {
    const tick = (): void => {
      const now = performance.now();
      while (next < work.length && started + next * interval <= now) {
        const index = next++;
        const due = started + index * interval;
        pending.push(
          runSequence(agent, port, work[index]!).then((reply) => {
            replies[index] = reply;
            latencies.push(performance.now() - due);
          }),
        );
      }
      if (next >= work.length) resolve();
      else setTimeout(tick, Math.max(0, started + next * interval - performance.now()));
    };
    tick();
  });
  await Promise.all(pending);
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return summary(work, replies, latencies, seconds);
}
