// The SDK claims to be isomorphic: this runs it in a real browser. esbuild
// bundles libs/crypto/test/browser/sdk-in-browser.ts with the SDK, a local
// http server serves it, and headless Chromium (the system package, driven by
// playwright-core) runs every operation there: WebAssembly libsodium, the
// atob/btoa base64url path (no Buffer) and WebCrypto randomness. What the page
// seals opens in Node, and what Node seals opens in the page.
//
// Needs `chromium` on PATH: deploy/local/ensure-chromium.sh installs it. When
// it is missing the test fails, it does not skip.
import { type Browser, type Page, chromium } from 'playwright-core';
import { bundleSdkForBrowser } from '../test/browser/bundle';
import { findChromium } from '../test/browser/chromium';
import { openSealed, secretsOf } from '../test/browser/cross-side';
import { type PageServer, startPageServer } from '../test/browser/page-server';
import { type PageInput, type PageReport, type SdkPage, oneKilobyteSection } from '../test/browser/protocol';
import {
  generateOrgKeys,
  openKeyfile,
  parsePublicKeyRecord,
  recipientKeyOf,
  sealSection,
  signingKeyOf,
  toPublicKeyRecord,
  verifyAccessLog,
  verifyConsentReceipt,
} from './index';

const SETUP_TIMEOUT_MS = 60_000;
const EXPECTED_CHECKS = [
  'sealSection 1 KB, openSection as the grantee',
  'rewrapForGrantee: a newly granted organization opens the existing record',
  'rotateSection: keyVersion + 1, sealed only to those still granted',
  'tampered ciphertext: CRYPTO.SIGNATURE_INVALID',
  'padding: 10 B and 1,000 B seal to one ciphertext length, 1,024 B to the next bucket',
  'sealKeyfile/openKeyfile (Argon2id at the floor: 3 passes, 64 MiB)',
  'signConsentRecord + verifyConsentReceipt',
  'accessLogEntryHash + verifyAccessLog on a 3-entry chain',
  'Node -> browser: open a section sealed in Node',
];

/** A section Node seals for a reader whose secrets go to the page with it. */
async function sealInNode(): Promise<PageInput> {
  const author = await generateOrgKeys('org-node-author');
  const reader = await generateOrgKeys('org-browser-reader');
  const { record, envelopes } = await sealSection({
    caseId: 'case-node-1',
    section: 'legal',
    contentVersion: 1,
    keyVersion: 1,
    plaintext: oneKilobyteSection('node'),
    author,
    recipients: [recipientKeyOf(reader)],
  });
  const envelope = envelopes.find((e) => e.recipientOrgId === reader.orgId);
  if (!envelope) throw new Error('no envelope for the reader');
  return { fromNode: { record, envelope, author: toPublicKeyRecord(author), reader: secretsOf(reader) } };
}

describe('crypto SDK in a real browser (headless Chromium)', () => {
  let server: PageServer | undefined;
  let browser: Browser | undefined;
  const pageErrors: string[] = [];
  let report: PageReport;

  beforeAll(async () => {
    const executablePath = findChromium();
    server = await startPageServer(await bundleSdkForBrowser());
    browser = await chromium.launch({ executablePath, headless: true });
    const page: Page = await browser.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    await page.goto(server.url, { waitUntil: 'load' });
    const loaded = await page.evaluate(
      () => typeof (globalThis as unknown as Partial<SdkPage>).runSdkChecks === 'function',
    );
    if (!loaded)
      throw new Error(`the SDK bundle did not load in the page: ${pageErrors.join('; ') || 'no page error reported'}`);
    report = await page.evaluate((input) => (globalThis as unknown as SdkPage).runSdkChecks(input), await sealInNode());
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('runs in Chromium, where Buffer does not exist (base64url takes the atob/btoa path)', () => {
    expect(report.userAgent).toContain('Chrome/');
    expect(report.bufferType).toBe('undefined');
    expect(pageErrors).toEqual([]);
  });

  it('passes every in-page check', () => {
    expect(report.checks.map((c) => c.name)).toEqual(EXPECTED_CHECKS);
    // Failures with their reasons, so a broken check names itself.
    expect(report.checks.filter((c) => !c.passed)).toEqual([]);
  });

  it('Node -> browser: the page opens a section sealed in Node', () => {
    expect(report.openedFromNode).toBe(oneKilobyteSection('node'));
  });

  it('browser -> Node: Node opens the section the page sealed', async () => {
    await expect(openSealed(report.forNode)).resolves.toBe(oneKilobyteSection('browser'));
  });

  it('browser -> Node: Node opens the keyfile and verifies the receipt and access log the page made', async () => {
    const { forNode } = report;
    const author = parsePublicKeyRecord(forNode.author);
    const {
      keys: [keys],
    } = await openKeyfile(forNode.keyfile, forNode.keyfilePassphrase);
    expect(keys?.signing.keyId).toBe(author.signingKeyId);
    expect(keys?.encryption.keyId).toBe(author.encryptionKeyId);
    const receipt = await verifyConsentReceipt(forNode.receipt, signingKeyOf(author));
    expect(receipt.record.collectedBy.orgId).toBe(author.orgId);
    const last = forNode.accessLog[2];
    expect(last).toBeDefined();
    expect(await verifyAccessLog(forNode.accessLog, last && { seq: last.seq, hash: last.hash })).toEqual({
      valid: true,
      checked: 3,
    });
  });
});
