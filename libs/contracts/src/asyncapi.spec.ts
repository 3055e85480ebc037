import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DiagnosticSeverity, Parser } from '@asyncapi/parser';
import { asyncApiDocument } from './asyncapi';
import { EVENT_CONTRACTS } from './topics';

describe('AsyncAPI document', () => {
  const document = asyncApiDocument();

  it('is valid AsyncAPI 3.0 according to the reference parser', async () => {
    const { document: parsed, diagnostics } = await new Parser().parse(JSON.stringify(document));
    const errors = diagnostics.filter((d) => Number(d.severity) === Number(DiagnosticSeverity.Error));
    expect(errors.map((e) => `${e.path.join('.')}: ${e.message}`)).toEqual([]);
    expect(
      parsed
        ?.channels()
        .all()
        .map((channel) => channel.address())
        .sort(),
    ).toEqual(EVENT_CONTRACTS.map((c) => c.topic).sort());
  });

  it('is what docs/asyncapi.json holds (run `npm run asyncapi` after changing a contract)', () => {
    const committed: unknown = JSON.parse(readFileSync(resolve(__dirname, '../../../docs/asyncapi.json'), 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(document)));
  });
});
