import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { renderErrorsDoc } from '@app/errors';
import { ALL_CATALOGS, ERRORS_DOC } from './catalogs';

// `npm run docs:errors`: rewrites the tables of docs/errors.md from the catalogs, leaving the prose as it is.
const path = resolve(process.cwd(), ERRORS_DOC);
writeFileSync(path, renderErrorsDoc(readFileSync(path, 'utf8'), ALL_CATALOGS));
process.stdout.write(`${ERRORS_DOC}: tables rewritten from ${ALL_CATALOGS.length} catalogs\n`);
