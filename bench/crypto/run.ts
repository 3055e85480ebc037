// Crypto SDK benchmark: `npm run bench:crypto`. Not a test: it prints figures
// and says whether the design's targets are met, measured against native
// libsodium (sodium-native) in the same run. Human-readable lines first, then
// one JSON object with every figure as the last line.
import { cpus, loadavg } from 'node:os';
import sodiumNative from 'sodium-native';
import * as sodiumNamespace from 'libsodium-wrappers-sumo';
import {
  type KeyEnvelope,
  type OrgKeys,
  type SectionRecord,
  generateOrgKeys,
  initCrypto,
  openSection,
  recipientKeyOf,
  sealSection,
  signingKeyOf,
} from '@app/crypto';
import { type CompareOptions, compare } from './measure';
import { nativeOpenSection, nativeSealSection } from './native-section';
import { platformOpenSection } from './platform-open';

const TARGETS = { sealPerSecond: 1_000, openPerSecond: 8_000, aeadRatio: 0.25 };
const OPTIONS: CompareOptions = { warmupMs: 300, roundMs: 400, rounds: 5 };
const CREATED_AT = '2025-01-01T00:00:00.000Z';

// The same WebAssembly build the SDK runs on, for the raw AEAD figures (see
// libs/crypto/src/sodium.ts for why the live default export is taken).
type Sodium = typeof sodiumNamespace;
const wasm: Sodium = (sodiumNamespace as unknown as { default?: Sodium }).default ?? sodiumNamespace;

function round(value: number, digits = 0): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

function verdict(met: boolean): string {
  return met ? 'meets target' : 'BELOW TARGET';
}

async function main(): Promise<void> {
  await initCrypto();
  await wasm.ready;
  const [owner, shelter, lawyer] = [
    await generateOrgKeys('org-owner'),
    await generateOrgKeys('org-shelter'),
    await generateOrgKeys('org-lawyer'),
  ];
  // Three organizations in all: the owner (always sealed to) and two grantees.
  const grantees = [recipientKeyOf(shelter), recipientKeyOf(lawyer)];
  const everyone = [recipientKeyOf(owner), ...grantees];
  // A form-sized section: 1,000 bytes, padded to the 1 KiB bucket (1,024 bytes would pad to 2 KiB).
  const plaintext = new Uint8Array(1000).fill(0x61);
  const context = { caseId: 'case-bench', section: 'legal' as const, contentVersion: 1, keyVersion: 1 };

  const sdkSealed = await sealSection({
    ...context,
    plaintext,
    author: owner,
    recipients: grantees,
    createdAt: CREATED_AT,
  });
  const nativeSealed = nativeSealSection(context, plaintext, owner, everyone, CREATED_AT);
  await crossCheck(sdkSealed, nativeSealed, shelter, signingKeyOf(owner), plaintext);
  const sdkEnvelope = envelopeOf(sdkSealed.envelopes, shelter);
  const nativeEnvelope = envelopeOf(nativeSealed.envelopes, shelter);

  const lines: string[] = [];
  const say = (line: string): void => {
    lines.push(line);
    console.log(line);
  };
  const load = loadavg()[0] ?? 0;
  say(
    `crypto SDK benchmark: node ${process.version}, ${cpus().length} cpu (${cpus()[0]?.model ?? 'unknown'}), ` +
      `load ${load.toFixed(2)}`,
  );
  say(
    `libsodium-wrappers-sumo ${wasm.SODIUM_VERSION_STRING} (WebAssembly) vs sodium-native (native libsodium); ` +
      `median of ${OPTIONS.rounds} alternating rounds`,
  );
  if (load > cpus().length)
    say(
      `warning: load ${load.toFixed(2)} exceeds the ${cpus().length} cpus; ` +
        'figures are lower and noisier than on an idle machine',
    );

  const seal = await compare(
    () => sealSection({ ...context, plaintext, author: owner, recipients: grantees, createdAt: CREATED_AT }),
    () => nativeSealSection(context, plaintext, owner, everyone, CREATED_AT),
    OPTIONS,
  );
  say(
    `seal 1 KB section (padded to 1 KiB) for 3 orgs: ${round(seal.sdk.perSecond)} records/s per core, ` +
      `best round ${round(seal.sdk.best)} (native ${round(seal.native.perSecond)}, ratio ${round(seal.ratio, 2)}) - ` +
      `${verdict(seal.sdk.perSecond >= TARGETS.sealPerSecond)} (${TARGETS.sealPerSecond})`,
  );

  const authorKey = signingKeyOf(owner);
  const open = await compare(
    () =>
      openSection({ record: sdkSealed.record, envelope: sdkEnvelope, myKeys: shelter, authorSigningKey: authorKey }),
    () => nativeOpenSection(nativeSealed.record, nativeEnvelope, shelter, authorKey),
    OPTIONS,
  );
  say(
    `open (verify + unseal + decrypt + unpad) 1 KB section: ${round(open.sdk.perSecond)} records/s per core, ` +
      `best round ${round(open.sdk.best)} (native ${round(open.native.perSecond)}, ratio ${round(open.ratio, 2)}) - ` +
      `${verdict(open.sdk.perSecond >= TARGETS.openPerSecond)} (${TARGETS.openPerSecond})`,
  );

  // Not the SDK: the figure for the decision on the open target (platform-open.ts).
  if (
    !Buffer.from(platformOpenSection(sdkSealed.record, sdkEnvelope, shelter, authorKey)).equals(Buffer.from(plaintext))
  )
    throw new Error('platform-assisted open could not read the SDK section');
  const platformOpen = await compare(
    () => platformOpenSection(sdkSealed.record, sdkEnvelope, shelter, authorKey),
    () => nativeOpenSection(nativeSealed.record, nativeEnvelope, shelter, authorKey),
    OPTIONS,
  );
  say(
    'open with Ed25519 and X25519 from node:crypto (not the SDK; for comparison): ' +
      `${round(platformOpen.sdk.perSecond)} records/s per core ` +
      `(native ${round(platformOpen.native.perSecond)}, ratio ${round(platformOpen.ratio, 2)}) - ` +
      `${verdict(platformOpen.sdk.perSecond >= TARGETS.openPerSecond)} (${TARGETS.openPerSecond})`,
  );

  const aead: Record<string, { sdkMBps: number; nativeMBps: number; ratio: number; met: boolean }> = {};
  for (const size of [1024, 64 * 1024]) {
    const message = new Uint8Array(size).fill(0x62);
    const ad = new Uint8Array(72).fill(0x63);
    const key = wasm.randombytes_buf(32);
    const nonce = wasm.randombytes_buf(24);
    const out = Buffer.alloc(size + 16);
    const [nMessage, nAd, nKey, nNonce] = [Buffer.from(message), Buffer.from(ad), Buffer.from(key), Buffer.from(nonce)];
    const result = await compare(
      () => wasm.crypto_aead_xchacha20poly1305_ietf_encrypt(message, ad, null, nonce, key),
      () => sodiumNative.crypto_aead_xchacha20poly1305_ietf_encrypt(out, nMessage, nAd, null, nNonce, nKey),
      OPTIONS,
    );
    const sdkMBps = (result.sdk.perSecond * size) / 1e6;
    const nativeMBps = (result.native.perSecond * size) / 1e6;
    const ratio = result.ratio;
    const label = size === 1024 ? '1k' : '64k';
    aead[label] = {
      sdkMBps: round(sdkMBps, 1),
      nativeMBps: round(nativeMBps, 1),
      ratio: round(ratio, 3),
      met: ratio >= TARGETS.aeadRatio,
    };
    say(
      `AEAD encrypt ${label.toUpperCase()}B: ${round(sdkMBps, 1)} MB/s ` +
        `(native ${round(nativeMBps, 1)} MB/s, ratio ${round(ratio, 3)}) - ` +
        `${verdict(ratio >= TARGETS.aeadRatio)} (${TARGETS.aeadRatio}x)`,
    );
  }

  const summary = {
    bench: 'crypto',
    node: process.version,
    cpus: cpus().length,
    load1: round(load, 2),
    libsodium: wasm.SODIUM_VERSION_STRING,
    rounds: OPTIONS.rounds,
    seal: {
      recordsPerSecond: round(seal.sdk.perSecond),
      bestRecordsPerSecond: round(seal.sdk.best),
      nativeRecordsPerSecond: round(seal.native.perSecond),
      ratio: round(seal.ratio, 3),
      organizations: everyone.length,
      plaintextBytes: plaintext.length,
      target: TARGETS.sealPerSecond,
      met: seal.sdk.perSecond >= TARGETS.sealPerSecond,
    },
    open: {
      recordsPerSecond: round(open.sdk.perSecond),
      bestRecordsPerSecond: round(open.sdk.best),
      nativeRecordsPerSecond: round(open.native.perSecond),
      ratio: round(open.ratio, 3),
      target: TARGETS.openPerSecond,
      met: open.sdk.perSecond >= TARGETS.openPerSecond,
      platformAssistedRecordsPerSecond: round(platformOpen.sdk.perSecond),
      platformAssistedMet: platformOpen.sdk.perSecond >= TARGETS.openPerSecond,
    },
    aead1k: aead['1k'],
    aead64k: aead['64k'],
    aeadTargetRatio: TARGETS.aeadRatio,
  };
  console.log(JSON.stringify(summary));
}

function envelopeOf(envelopes: readonly KeyEnvelope[], keys: OrgKeys): KeyEnvelope {
  const envelope = envelopes.find((e) => e.recipientKeyId === keys.encryption.keyId);
  if (!envelope) throw new Error(`no envelope for ${keys.orgId}`);
  return envelope;
}

// Both sides must read each other's output, or the comparison means nothing.
async function crossCheck(
  sdk: { record: SectionRecord; envelopes: KeyEnvelope[] },
  native: { record: SectionRecord; envelopes: KeyEnvelope[] },
  reader: OrgKeys,
  author: ReturnType<typeof signingKeyOf>,
  plaintext: Uint8Array,
): Promise<void> {
  const fromSdk = nativeOpenSection(sdk.record, envelopeOf(sdk.envelopes, reader), reader, author);
  if (!Buffer.from(fromSdk).equals(Buffer.from(plaintext))) throw new Error('native could not read the SDK section');
  const fromNative = await openSection({
    record: native.record,
    envelope: envelopeOf(native.envelopes, reader),
    myKeys: reader,
    authorSigningKey: author,
  });
  if (!Buffer.from(fromNative).equals(Buffer.from(plaintext))) throw new Error('SDK could not read the native section');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
