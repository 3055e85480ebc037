import { type CatalogEntry, type ErrorCatalog } from './error-catalog';

const BLOCK = /<!-- catalog: ([^>]+?) -->\n[\s\S]*?<!-- \/catalog -->/g;

/**
 * docs/errors.md with each catalog's table rewritten from the catalog. The
 * prose around the tables is the doc's own; a table sits between
 * `<!-- catalog: <name> -->` and `<!-- /catalog -->`. A catalog without a
 * place in the doc, or a place naming no catalog, is an error: the doc must
 * list every code a service can answer with, and nothing else.
 */
export function renderErrorsDoc(doc: string, catalogs: readonly ErrorCatalog[]): string {
  const byName = new Map(catalogs.map((catalog) => [catalog.name, catalog]));
  const placed = new Set<string>();
  const rendered = doc.replace(BLOCK, (_block, name: string) => {
    const catalog = byName.get(name);
    if (!catalog) throw new Error(`docs/errors.md has a table for "${name}", which is no catalog`);
    placed.add(name);
    return `<!-- catalog: ${name} -->\n\n${markdownTable(catalog.entries)}\n\n<!-- /catalog -->`;
  });
  const missing = catalogs.filter((catalog) => !placed.has(catalog.name)).map((catalog) => catalog.name);
  if (missing.length > 0) throw new Error(`docs/errors.md has no place for the catalogs: ${missing.join(', ')}`);
  return rendered;
}

/** Laid out as Prettier lays out a table, so `npm run lint` accepts the generated doc as it is. */
function markdownTable(entries: readonly CatalogEntry[]): string {
  const rows = [
    ['code', 'status', 'title', 'when'],
    ...entries.map((entry) => [entry.code, String(entry.status), entry.title, entry.when]),
  ];
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  const line = (cells: string[]): string => `| ${cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  const [header, ...body] = rows;
  return [line(header ?? []), line(widths.map((width) => '-'.repeat(width))), ...body.map(line)].join('\n');
}
