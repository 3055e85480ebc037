import { type SectionName, type SeenVersion, isOlderThan } from '@app/crypto';
import { readFile } from 'node:fs/promises';
import { CLI_ERROR_CODES, CliError } from '../errors/cli-error';
import { replacePrivateFile } from '../files/private-file';

const FORMAT_VERSION = 1;

type SeenFile = { v: typeof FORMAT_VERSION; sections: Record<string, SeenVersion> };

/**
 * The newest version of each section this organization has opened or
 * written, kept beside its keyfile (`<keyfile>.seen.json`, 0600), so that
 * intake cannot hand out a version it has since replaced as if it were
 * current (openSection's `seen`). It holds case ids and version numbers,
 * no content. Losing the file loses only this protection, not data.
 */
export class SeenVersions {
  constructor(private readonly path: string) {}

  static besideKeyfile(keyfilePath: string): SeenVersions {
    return new SeenVersions(`${keyfilePath}.seen.json`);
  }

  async get(caseId: string, section: SectionName): Promise<SeenVersion | undefined> {
    return (await this.load()).sections[entryKey(caseId, section)];
  }

  /** Remembers `version` unless a newer one is remembered already. */
  async raise(caseId: string, section: SectionName, version: SeenVersion): Promise<void> {
    const file = await this.load();
    const key = entryKey(caseId, section);
    const known = file.sections[key];
    if (known && !isOlderThan(known, version)) return;
    file.sections[key] = { contentVersion: version.contentVersion, keyVersion: version.keyVersion };
    await replacePrivateFile(this.path, `${JSON.stringify(file)}\n`);
  }

  private async load(): Promise<SeenFile> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ENOENT') return { v: FORMAT_VERSION, sections: {} };
      throw error;
    }
    return parseSeenFile(text);
  }
}

function entryKey(caseId: string, section: SectionName): string {
  return `${caseId} ${section}`;
}

function parseSeenFile(text: string): SeenFile {
  const invalid = (): CliError =>
    new CliError(
      CLI_ERROR_CODES.INPUT_INVALID,
      'seen versions file (<keyfile>.seen.json): not valid; move it aside to start over',
    );
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw invalid();
  }
  const file = parsed as Partial<SeenFile> | null;
  if (
    typeof file !== 'object' ||
    file === null ||
    file.v !== FORMAT_VERSION ||
    typeof file.sections !== 'object' ||
    file.sections === null
  )
    throw invalid();
  const sections: Record<string, SeenVersion> = {};
  for (const [key, value] of Object.entries(file.sections)) {
    const { contentVersion, keyVersion } = (value ?? {}) as Partial<SeenVersion>;
    if (!Number.isSafeInteger(contentVersion) || !Number.isSafeInteger(keyVersion)) throw invalid();
    sections[key] = { contentVersion: contentVersion!, keyVersion: keyVersion! };
  }
  return { v: FORMAT_VERSION, sections };
}
