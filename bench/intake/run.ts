import { mkdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { generateOrgKeys, initCrypto, toPublicKeyRecord } from '@app/crypto';
import { applyServiceAcls } from '@app/messaging';
import { DevIssuer } from '../../apps/dev-issuer/src/dev-issuer';
import { type BenchStack, startBenchInfra } from '../shared/bench-infra';
import { round } from '../shared/stats';
import { type ChildServer } from './child-server';
import { CpuSplit, describeSplit } from './cpu-split';
import { closedLoop, pacedLoop, type PassResult, type Sequence } from './http-load';
import { startBareServer, startIntake } from './intake-under-test';
import { jwtVerifyCost } from './jwt-cost';
import { openedCaseIds, openingsFor, ROUTING_BODY, SECTIONS, sealCases, type SealedCase } from './openings';
import { referralAcceptances } from './referral-acceptances';
import { metTargets, targetLines, TARGETS } from './targets';

/**
 * npm run bench:intake — cases opened per second over HTTP against the real
 * intake service (JWT verified against the issuer's JWKS, validated, stored
 * with its outbox event, sections checked and stored), and the same requests
 * against a bare Fastify route that only verifies the token and parses the
 * body, in the same run. Maximum rate from a closed loop; p50/p99 from an
 * open loop at 70% of it. Prints figures as it goes, whether each target was
 * met, and one JSON object as the last line.
 */
const STACK: BenchStack = { name: 'bench-intake', kafkaPort: 43092, controllerPort: 43093, mongoPort: 43017 };
const ORG = 'org_bench';
const CONCURRENCY = 32;
/** Each pass runs until its time is up (or its work runs out); the figures are rates. */
const SECONDS = { seed: 30, single: 5, warm: 8, max: 20, paced: 10, idle: 5 };
/** At most this many cases are opened by POST alone for the first passes' sections. */
const SEED_CAP = 12_000;
const LOAD = 0.7;

/** What to stop if the run fails half-way, last started first. */
const cleanups: (() => unknown)[] = [];

type Opened = PassResult & { cpu: Record<string, number> };

async function measured(
  server: ChildServer,
  cpu: CpuSplit,
  work: readonly Sequence[],
  run: (port: number, work: readonly Sequence[]) => Promise<PassResult>,
): Promise<Opened> {
  const before = cpu.read();
  const started = Date.now();
  const result = await run(server.port, work);
  const cpuSplit = CpuSplit.per(before, cpu.read(), result.replies.length, (Date.now() - started) / 1000);
  if (result.errors > 0) console.log(`  ${result.errors} failed, first: ${result.firstError ?? '?'}`);
  return { ...result, cpu: cpuSplit };
}

function describe(label: string, pass: Opened): void {
  console.log(
    `${label}: ${Math.round(pass.perSecond)}/s, p50 ${pass.p50Ms} ms, p99 ${pass.p99Ms} ms; ` +
      `CPU per opening ${describeSplit(pass.cpu)}`,
  );
}

/** Max rate (closed loop), then latency at 70% of it (open loop), after a warm-up pass. */
async function maxThenPaced(
  server: ChildServer,
  cpu: CpuSplit,
  label: string,
  pools: { warm: Sequence[]; max: Sequence[]; paced: (max: PassResult) => Promise<Sequence[]> },
): Promise<{ warm: Opened; max: Opened; paced: Opened; pacedRate: number }> {
  const closed =
    (seconds: number) =>
    (port: number, work: readonly Sequence[]): Promise<PassResult> =>
      closedLoop(port, work, CONCURRENCY, seconds);
  const warm = await measured(server, cpu, pools.warm, closed(SECONDS.warm));
  describe(`${label} warm-up (unreported)`, warm);
  const max = await measured(server, cpu, pools.max, closed(SECONDS.max));
  describe(`${label} max (${CONCURRENCY} clients, ${max.replies.length} openings)`, max);
  const pacedRate = Math.max(1, Math.round(LOAD * max.perSecond));
  const pacedWork = (await pools.paced(max)).slice(0, Math.round(pacedRate * SECONDS.paced));
  const paced = await measured(server, cpu, pacedWork, (port, work) => pacedLoop(port, work, pacedRate));
  describe(`${label} at ${pacedRate}/s (70%, ${pacedWork.length} openings)`, paced);
  return { warm, max, paced, pacedRate };
}

/**
 * The cores each process keeps busy with no request at all (the outbox relay's
 * polls, the consumers' fetches, the JVMs' own work): per-opening CPU at a low
 * rate includes it, spread over few openings.
 */
async function idleCores(cpu: CpuSplit): Promise<Record<string, number>> {
  const before = cpu.read();
  await new Promise((resolve) => setTimeout(resolve, SECONDS.idle * 1000));
  const split = CpuSplit.per(before, cpu.read(), 1, SECONDS.idle);
  return Object.fromEntries(
    Object.entries(split)
      .filter(([name]) => !['total', 'coresBusy', 'othersCoresBusy'].includes(name))
      .map(([name, micros]) => [name, round(micros / 1e6 / SECONDS.idle, 3)]),
  );
}

function describeIdle(cores: Record<string, number>): string {
  return `${Object.entries(cores)
    .map(([name, busy]) => `${name} ${busy}`)
    .join(', ')} cores busy`;
}

function cycled<T>(items: readonly T[], count: number): T[] {
  return Array.from({ length: count }, (_, i) => items[i % items.length]!);
}

async function main(): Promise<void> {
  await initCrypto();
  const load = loadavg()[0] ?? 0;
  console.log(
    `intake benchmark: node ${process.version}, ${cpus().length} cpu (${cpus()[0]?.model ?? 'unknown'}), ` +
      `load ${load.toFixed(2)}; one opening = POST /cases + PUT of ${SECTIONS.length} sealed sections`,
  );
  const infra = startBenchInfra(STACK);
  cleanups.push(() => infra.stop());
  const logDir = resolve(__dirname, '../../../.stack', STACK.name, 'bench');
  mkdirSync(logDir, { recursive: true });
  if (infra.pids.broker !== undefined) {
    // The broker this run started: intake runs as its own principal, with the services' ACLs.
    const admin = new Kafka({
      clientId: 'bench',
      brokers: infra.brokers,
      sasl: infra.sasl,
      logLevel: logLevel.NOTHING,
    }).admin();
    await admin.connect();
    await applyServiceAcls(admin);
    await admin.disconnect();
  }
  const issuer = await new DevIssuer().start(0);
  cleanups.push(() => issuer.stop());
  const staff = await Promise.all(
    Array.from({ length: CONCURRENCY }, (_, i) =>
      issuer.mint({ sub: `staff_bench_${i}`, org: ORG, roles: ['intake_worker'], ttlSeconds: 4 * 3600 }),
    ),
  );
  const admin = await issuer.mint({ sub: 'admin_bench', org: ORG, roles: ['org_admin'], ttlSeconds: 4 * 3600 });
  const keys = await generateOrgKeys(ORG);

  const intake = await startIntake(infra, issuer, ORG, logDir);
  cleanups.push(() => intake.stop());
  const cpu = new CpuSplit({ intake: intake.pid, broker: infra.pids.broker, database: infra.pids.database });
  const registered = await closedLoop(
    intake.port,
    [[{ method: 'POST', path: '/organizations/me/keys', token: admin, body: JSON.stringify(toPublicKeyRecord(keys)) }]],
    1,
  );
  if (registered.errors > 0) throw new Error(`registering the organization's keys: ${registered.firstError ?? '?'}`);
  const idleEmpty = await idleCores(cpu);
  console.log(`idle, no cases yet: ${describeIdle(idleEmpty)}`);

  // Cases for the first passes' sections (see openings.ts), opened with POST alone: a figure of its own.
  const postOnly: Sequence[] = Array.from({ length: SEED_CAP }, (_, i) => [
    { method: 'POST', path: '/cases', token: staff[i % staff.length]!, body: ROUTING_BODY },
  ]);
  const posts = await measured(intake, cpu, postOnly, (port, work) =>
    closedLoop(port, work, CONCURRENCY, SECONDS.seed),
  );
  console.log(
    `POST /cases alone (includes warm-up): ${Math.round(posts.perSecond)}/s, p99 ${posts.p99Ms} ms; ` +
      `CPU per case ${describeSplit(posts.cpu)}`,
  );
  // The same with one client (warm by now): the CPU a request costs without concurrency, and unloaded latency.
  const single = await measured(intake, cpu, postOnly.slice(0, 2_000), (port, work) =>
    closedLoop(port, work, 1, SECONDS.single),
  );
  console.log(
    `POST /cases, one client: ${Math.round(single.perSecond)}/s, p50 ${single.p50Ms} ms; ` +
      `CPU per case ${describeSplit(single.cpu)}`,
  );
  const seeded = await sealCases(openedCaseIds([...posts.replies, ...single.replies]), keys);
  let sealedForPaced: SealedCase[] = [];
  // A quarter for the warm-up pass, the rest for the max pass (an opening includes a POST, so is slower).
  const warmPool = openingsFor(seeded.slice(0, Math.ceil(seeded.length / 4)), staff);
  const maxPool = openingsFor(seeded.slice(Math.ceil(seeded.length / 4)), staff);
  const intakeRun = await maxThenPaced(intake, cpu, 'intake', {
    warm: warmPool,
    max: maxPool,
    paced: async (max) => {
      // Sealed between the max pass and the paced one, untimed.
      sealedForPaced = await sealCases(openedCaseIds(max.replies), keys);
      return openingsFor(sealedForPaced, staff);
    },
  });
  const idleFull = await idleCores(cpu);
  const casesHeld = [intakeRun.warm, intakeRun.max, intakeRun.paced].reduce(
    (held, pass) => held + openedCaseIds(pass.replies).length,
    seeded.length,
  );
  console.log(`idle, ${casesHeld} cases held: ${describeIdle(idleFull)}`);
  const referrals = await referralAcceptances(
    { url: `http://127.0.0.1:${intake.port}`, port: intake.port, pid: intake.pid, orgId: ORG },
    { staff, admin, mint: (request) => issuer.mint(request) },
  );
  console.log(
    `referral acceptances on one partner: ${referrals.acceptancesPerSecond ?? `null (${referrals.reason ?? '?'})`}`,
  );
  await intake.stop();

  // The same bodies against the bare route, measured the same way.
  const bare = await startBareServer(issuer, logDir);
  cleanups.push(() => bare.stop());
  const bareCpu = new CpuSplit({ bare: bare.pid });
  // Its route stores nothing, so the same bodies may come round again: as many as its passes take.
  const bodies = [...seeded, ...sealedForPaced];
  const bareRun = await maxThenPaced(bare, bareCpu, 'bare fastify', {
    warm: openingsFor(cycled(bodies, 100_000), staff),
    max: openingsFor(cycled(bodies, 200_000), staff),
    paced: () => Promise.resolve(openingsFor(cycled(bodies, 100_000), staff)),
  });
  await bare.stop();
  const jwt = await jwtVerifyCost(issuer, staff[0]!);
  console.log(
    `JWT verify, CPU µs per token in this process: jose ${jwt.jose}; ES256 signature alone ${jwt.signatureOnly}, ` +
      `with the key parsed from PEM each time (intake's path) ${jwt.signatureFromPem}`,
  );
  await issuer.stop();
  infra.stop();

  const figures = {
    casesPerSecond: Math.round(intakeRun.max.perSecond),
    toBaseline: round(intakeRun.max.perSecond / bareRun.max.perSecond, 2),
    p99Ms: intakeRun.paced.p99Ms,
  };
  const met = metTargets(figures);
  for (const line of targetLines(figures, met)) console.log(line);
  console.log(
    JSON.stringify({
      bench: 'intake',
      node: process.version,
      cpus: cpus().length,
      load1: round(load, 2),
      opening: { sections: SECTIONS, requests: 1 + SECTIONS.length },
      concurrency: CONCURRENCY,
      ...figures,
      p50Ms: intakeRun.paced.p50Ms,
      pacedRate: intakeRun.pacedRate,
      pacedAchievedPerSecond: Math.round(intakeRun.paced.perSecond),
      maxP50Ms: intakeRun.max.p50Ms,
      maxP99Ms: intakeRun.max.p99Ms,
      errors: intakeRun.max.errors + intakeRun.paced.errors,
      idleCoresBusy: { empty: idleEmpty, afterPasses: idleFull, casesHeld },
      postOnlyPerSecond: Math.round(posts.perSecond),
      postOneClient: { perSecond: Math.round(single.perSecond), p50Ms: single.p50Ms, cpuMicros: single.cpu },
      baseline: {
        casesPerSecond: Math.round(bareRun.max.perSecond),
        p50Ms: bareRun.paced.p50Ms,
        p99Ms: bareRun.paced.p99Ms,
        pacedRate: bareRun.pacedRate,
        errors: bareRun.max.errors + bareRun.paced.errors,
      },
      cpuMicrosPerOpening: { intake: intakeRun.max.cpu, baseline: bareRun.max.cpu, postOnly: posts.cpu },
      jwtVerifyCpuMicros: jwt,
      referralAcceptancesPerSecond: referrals.acceptancesPerSecond,
      ...(referrals.reason ? { referralAcceptancesReason: referrals.reason } : {}),
      targets: TARGETS,
      met,
    }),
  );
  process.exit(0);
}

main().catch(async (error: unknown) => {
  console.error(error);
  for (const cleanup of cleanups.reverse()) await Promise.resolve(cleanup()).catch(() => undefined);
  process.exit(1);
});
