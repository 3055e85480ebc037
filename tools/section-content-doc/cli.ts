import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { SECTION_CONTENT_DOCS, schemaFiles } from './schema-files';

// `npm run docs:section-content`: rewrites docs/section-content/<section>.schema.json from the SDK's zod schemas,
// formatted as `prettier --check` wants them, and removes schema files of sections the catalog no longer has.
async function main(): Promise<void> {
  const dir = resolve(process.cwd(), SECTION_CONTENT_DOCS);
  const files = schemaFiles();
  for (const { name, schema } of files) {
    const path = join(dir, name);
    const options = { ...(await resolveConfig(path)), filepath: path };
    writeFileSync(path, await format(JSON.stringify(schema), options));
  }
  const wanted = new Set(files.map((file) => file.name));
  for (const name of readdirSync(dir).filter((entry) => entry.endsWith('.schema.json') && !wanted.has(entry)))
    rmSync(join(dir, name));
  process.stdout.write(`${SECTION_CONTENT_DOCS}: ${files.length} schemas written from the SDK\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
