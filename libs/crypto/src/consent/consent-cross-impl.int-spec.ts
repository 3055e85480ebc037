// Consent receipts across implementations: PyNaCl verifies what the SDK
// signs, and the SDK verifies what PyNaCl signs from the format description
// (libs/crypto/test/cross_impl.py), so a client or a regulator can check a
// receipt without this SDK. Needs python3 with PyNaCl
// (deploy/local/ensure-pynacl.sh); fails, does not skip, without them.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { newOrg } from '../../test/factories';
import { fromBase64Url } from '../encoding/base64url';
import { keyIdOf } from '../hash';
import { signingKeyOf } from '../keys/org-keys';
import { type ConsentReceipt } from './consent-types';
import { signConsentRecord } from './sign-consent-record';
import { newConsentRecord } from './test-factories';
import { verifyConsentReceipt } from './verify-consent-receipt';

const SCRIPT = join(__dirname, '..', '..', 'test', 'cross_impl.py');
const PYTHON = process.env.PYTHON ?? 'python3';

function python<T>(command: string, input: unknown): T {
  const run = spawnSync(PYTHON, [SCRIPT, command], { input: JSON.stringify(input), encoding: 'utf8', timeout: 60_000 });
  if (run.error) throw new Error(`${PYTHON} could not run (${run.error.message}); run deploy/local/ensure-pynacl.sh`);
  if (run.status !== 0) throw new Error(`cross_impl.py ${command} exited ${run.status}: ${run.stderr}`);
  return JSON.parse(run.stdout) as T;
}

describe('consent receipts across implementations (SDK <-> PyNaCl)', () => {
  it('PyNaCl verifies a receipt the SDK signed, and refuses it once altered', async () => {
    const owner = await newOrg('org-owner');
    const receipt = await signConsentRecord(newConsentRecord(), owner);
    const signerPublicKey = Buffer.from(owner.signing.publicKey).toString('base64url');
    expect(python<{ valid: boolean }>('verify-consent-receipt', { receipt, signerPublicKey }).valid).toBe(true);
    const altered = { ...receipt, record: { ...receipt.record, version: 2 } };
    expect(python<{ valid: boolean }>('verify-consent-receipt', { receipt: altered, signerPublicKey }).valid).toBe(
      false,
    );
  });

  it('the SDK verifies a receipt PyNaCl signed', async () => {
    const record = newConsentRecord({ collectedBy: { orgId: 'org-python', staffSub: 'staff-1' } });
    const made = python<{ receipt: ConsentReceipt; signerPublicKey: string }>('sign-consent-receipt', { record });
    const publicKey = fromBase64Url(made.signerPublicKey, 'signerPublicKey', { length: 32 });
    const key = { orgId: 'org-python', keyId: keyIdOf(publicKey), publicKey };
    await expect(verifyConsentReceipt(made.receipt, key)).resolves.toEqual(made.receipt);
    await expect(verifyConsentReceipt(made.receipt, signingKeyOf(await newOrg('org-python')))).rejects.toThrow();
  });
});
