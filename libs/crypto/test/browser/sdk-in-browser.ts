// Browser bundle entry for libs/crypto/src/browser.int-spec.ts: esbuild
// bundles this with the SDK into one script, the page loads it, and the test
// calls runSdkChecks through playwright. Runs in Chromium, not Node: no
// Buffer, no node: modules.
import { generateOrgKeys, initCrypto, toPublicKeyRecord } from '../../src/index';
import { check } from './check';
import { openSealed, secretsOf } from './cross-side';
import { type PageInput, type PageReport, type SdkPage } from './protocol';
import { KEYFILE_PASSPHRASE, runRecordChecks } from './record-checks';
import { envelopeOf, runSectionChecks } from './section-checks';

async function runSdkChecks(input: PageInput): Promise<PageReport> {
  await initCrypto();
  const owner = await generateOrgKeys('org-owner');
  const grantee = await generateOrgKeys('org-grantee');
  const sections = await runSectionChecks(owner, grantee);
  const records = await runRecordChecks(owner);

  let openedFromNode = '';
  const fromNode = await check('Node -> browser: open a section sealed in Node', async () => {
    openedFromNode = await openSealed(input.fromNode);
  });

  // Read without a TypeScript reference to Buffer, as base64url.ts does.
  const bufferType = typeof (globalThis as { Buffer?: unknown }).Buffer;
  const { userAgent } = (globalThis as unknown as { navigator: { userAgent: string } }).navigator;
  return {
    bufferType,
    userAgent,
    checks: [...sections.checks, ...records.checks, fromNode],
    openedFromNode,
    forNode: {
      record: sections.sealed.record,
      envelope: envelopeOf(sections.sealed.envelopes, grantee),
      author: toPublicKeyRecord(owner),
      reader: secretsOf(grantee),
      keyfile: records.keyfile,
      keyfilePassphrase: KEYFILE_PASSPHRASE,
      receipt: records.receipt,
      accessLog: records.accessLog,
    },
  };
}

// window.runSdkChecks, set through globalThis: the repository's TypeScript
// configuration is Node-only and does not load the DOM lib.
const exposed: SdkPage = { runSdkChecks };
Object.assign(globalThis, exposed);
