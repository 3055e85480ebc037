import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { asyncApiDocument } from './asyncapi';

/** npm run asyncapi: writes docs/asyncapi.json from the contracts. */
const target = resolve(process.cwd(), 'docs/asyncapi.json');
writeFileSync(target, `${JSON.stringify(asyncApiDocument(), null, 2)}\n`);
process.stdout.write(`wrote ${target}\n`);
