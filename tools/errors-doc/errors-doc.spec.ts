import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type ErrorCatalog, defineErrorCatalog, indexCatalogs, renderErrorsDoc } from '@app/errors';
import { intakeService } from '../../apps/intake/src/intake.service';
import { legalStatusService } from '../../apps/legal-status/src/legal-status.service';
import { notificationsService } from '../../apps/notifications/src/notifications.service';
import { shelterCapacityService } from '../../apps/shelter-capacity/src/shelter-capacity.service';
import { ALL_CATALOGS, ERRORS_DOC } from './catalogs';

const committed = readFileSync(resolve(__dirname, '../..', ERRORS_DOC), 'utf8');

describe('docs/errors.md', () => {
  it('has the tables the catalogs generate (run `npm run docs:errors` after changing a catalog)', () => {
    expect(committed).toBe(renderErrorsDoc(committed, ALL_CATALOGS));
  });

  it('lists every catalog a service registers', () => {
    const services = [intakeService, legalStatusService, notificationsService, shelterCapacityService];
    const registered = new Set<ErrorCatalog>(services.flatMap((service) => service.errors));
    expect([...registered].filter((catalog) => !ALL_CATALOGS.includes(catalog))).toEqual([]);
  });
});

describe('the error catalogs', () => {
  it('define each code once across all of them', () => {
    expect(() => indexCatalogs(ALL_CATALOGS)).not.toThrow();
    const codes = ALL_CATALOGS.flatMap((catalog) => catalog.entries.map((entry) => entry.code));
    expect(new Set(codes).size).toBe(codes.length);
  });
});

describe('renderErrorsDoc', () => {
  const catalog = defineErrorCatalog('shop', { 'ORDER.GONE': { status: 409, when: 'cancelled' } });

  it('rewrites the table between the markers and keeps the prose', () => {
    const doc = 'Intro.\n\n<!-- catalog: shop -->\n| stale |\n<!-- /catalog -->\n\nOutro.\n';
    expect(renderErrorsDoc(doc, [catalog])).toBe(
      'Intro.\n\n<!-- catalog: shop -->\n\n' +
        '| code       | status | title    | when      |\n' +
        '| ---------- | ------ | -------- | --------- |\n' +
        '| ORDER.GONE | 409    | Conflict | cancelled |\n\n<!-- /catalog -->\n\nOutro.\n',
    );
  });

  it('fails when a catalog has no table, or a table no catalog', () => {
    expect(() => renderErrorsDoc('no tables\n', [catalog])).toThrow(/shop/);
    expect(() => renderErrorsDoc('<!-- catalog: gone -->\n<!-- /catalog -->\n', [])).toThrow(/gone/);
  });
});
