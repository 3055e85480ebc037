import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { SECTION_CONTENT_DOCS, schemaFiles } from './schema-files';

const dir = resolve(__dirname, '../..', SECTION_CONTENT_DOCS);

describe('docs/section-content', () => {
  it.each(schemaFiles().map((file) => [file.name, file.schema] as const))(
    '%s is what the SDK’s schema generates (run `npm run docs:section-content` after changing one)',
    (name, schema) => {
      expect(JSON.parse(readFileSync(resolve(dir, name), 'utf8'))).toEqual(schema);
    },
  );

  it('holds a schema for every section of the catalog and for no other', () => {
    const committed = readdirSync(dir).filter((name) => name.endsWith('.schema.json'));
    expect(committed.sort()).toEqual(
      schemaFiles()
        .map((file) => file.name)
        .sort(),
    );
  });
});
