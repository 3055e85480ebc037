import { KEYFILE_MIN_LIMITS, generateOrgKeys, openKeyfile } from '@app/crypto';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BELOW_FLOOR_LIMITS, sealBelowFloor } from '../../../../libs/crypto/test/below-floor-keyfile';
import { PASSPHRASE } from '../../test/staff-session';
import { resealInPlace } from './keyfile-reseal';

describe('resealInPlace', () => {
  it('leaves the file alone when it changed after it was opened (a rotation in another run)', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'staff-cli-reseal-')), 'keys.json');
    const keys = await generateOrgKeys('org-legal-aid');
    const openedText = JSON.stringify(await sealBelowFloor(keys, PASSPHRASE));
    // What another run wrote meanwhile: a newer file with a second key version.
    const newerText = JSON.stringify(
      await sealBelowFloor([keys, await generateOrgKeys('org-legal-aid', 2)], PASSPHRASE),
    );
    await writeFile(path, newerText, { mode: 0o600 });

    const outcome = await resealInPlace({
      path,
      opened: new TextEncoder().encode(openedText),
      keys: [keys],
      passphrase: PASSPHRASE,
      from: BELOW_FLOOR_LIMITS,
      limits: KEYFILE_MIN_LIMITS,
    });
    expect(outcome).toEqual({ kind: 'kept', from: BELOW_FLOOR_LIMITS, reason: 'the file changed meanwhile' });
    expect(await readFile(path, 'utf8')).toBe(newerText);
    expect((await openKeyfile(JSON.parse(newerText), PASSPHRASE)).keys).toHaveLength(2);
  });

  it('reports a file it cannot read as kept, by error code only', async () => {
    const missing = join(await mkdtemp(join(tmpdir(), 'staff-cli-reseal-')), 'gone.json');
    const outcome = await resealInPlace({
      path: missing,
      opened: new Uint8Array(0),
      keys: [await generateOrgKeys('org-legal-aid')],
      passphrase: PASSPHRASE,
      from: BELOW_FLOOR_LIMITS,
      limits: KEYFILE_MIN_LIMITS,
    });
    expect(outcome).toEqual({ kind: 'kept', from: BELOW_FLOOR_LIMITS, reason: 'ENOENT' });
  });
});
