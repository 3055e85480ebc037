// Three tiers (conventions: unit without I/O, integration against the real
// broker and database, end-to-end across services). Integration and e2e share
// one Kafka broker and one MongoDB server, started once per run by the global
// setup unless KAFKA_BROKERS / MONGODB_URI name existing ones.
const fs = require('node:fs');
const swcConfig = JSON.parse(fs.readFileSync(`${__dirname}/.swcrc`, 'utf8'));
delete swcConfig.$schema;
const swcForJs = { ...swcConfig, jsc: { ...swcConfig.jsc, parser: { syntax: 'ecmascript' }, transform: {} } };

// NestJS 12 ships ES modules only. Node 20 loads them through require(esm),
// but jest's own module loader cannot, so jest compiles them to CommonJS with
// swc (cached after the first run).
const esmOnlyPackages = ['@nestjs', 'jose', 'commander', 'uuid'];

const common = {
  rootDir: __dirname,
  testEnvironment: 'node',
  moduleNameMapper: { '^@app/([a-z-]+)$': '<rootDir>/libs/$1/src' },
  transform: {
    '^.+\\.ts$': ['@swc/jest', swcConfig],
    '^.+\\.js$': ['@swc/jest', swcForJs],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnlyPackages.join('|')})/)`],
  // Nest apps built in tests log JSON lines, as the services do, not Nest's coloured text.
  setupFiles: ['<rootDir>/libs/testing/src/json-nest-logs.ts'],
};
const infra = {
  globalSetup: '<rootDir>/libs/testing/src/infra/global-setup.ts',
  globalTeardown: '<rootDir>/libs/testing/src/infra/global-teardown.ts',
};

module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,deploy,tools}/**/*.spec.ts'] },
    { ...common, ...infra, displayName: 'integration', testMatch: ['<rootDir>/{apps,libs}/**/*.int-spec.ts'] },
    { ...common, ...infra, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'] },
  ],
};
