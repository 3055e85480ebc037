import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SeenVersions } from './seen-versions';

describe('SeenVersions', () => {
  let path: string;

  beforeEach(async () => {
    path = join(await mkdtemp(join(tmpdir(), 'seen-versions-')), 'keys.json.seen.json');
  });

  it('knows nothing before the first raise, then only moves forward', async () => {
    const seen = new SeenVersions(path);
    expect(await seen.get('case_0000000001', 'legal')).toBeUndefined();
    await seen.raise('case_0000000001', 'legal', { contentVersion: 3, keyVersion: 1 });
    await seen.raise('case_0000000001', 'legal', { contentVersion: 2, keyVersion: 4 });
    expect(await seen.get('case_0000000001', 'legal')).toEqual({ contentVersion: 3, keyVersion: 1 });
    await seen.raise('case_0000000001', 'legal', { contentVersion: 3, keyVersion: 2 });
    expect(await seen.get('case_0000000001', 'legal')).toEqual({ contentVersion: 3, keyVersion: 2 });
    expect(await seen.get('case_0000000001', 'identity')).toBeUndefined();
  });

  it('keeps only versions, whatever else the record it is given carries', async () => {
    await new SeenVersions(path).raise('case_0000000001', 'legal', {
      contentVersion: 1,
      keyVersion: 1,
      ciphertext: 'CANARY',
    } as never);
    expect(await readFile(path, 'utf8')).not.toContain('CANARY');
  });

  it.each([
    ['not JSON', '{'],
    ['another format version', '{"v":2,"sections":{}}'],
    ['a version that is not an integer', '{"v":1,"sections":{"case_1 legal":{"contentVersion":"3","keyVersion":1}}}'],
  ])('refuses a file that is %s instead of starting over silently', async (_, text) => {
    await writeFile(path, text);
    await expect(new SeenVersions(path).get('case_0000000001', 'legal')).rejects.toMatchObject({
      code: 'CLI.INPUT_INVALID',
    });
  });
});
