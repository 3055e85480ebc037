// Layer rules, checked by `npm run lint` (docs/architecture.md, "Layout").
// Each rule names the layering it protects; a new service copies intake's
// shape and these rules keep it from drifting.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'An import cycle makes start-up order and ownership ambiguous; split the shared part out.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-app-to-other-app',
      comment: 'Services talk over Kafka and HTTP, never by importing one another; share code through libs/.',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/([^/]+)/', pathNot: '^apps/$1/' },
    },
    {
      name: 'no-lib-to-app',
      comment: 'Libraries serve every app, so they cannot depend on one (their tests included).',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'domain-stays-pure',
      comment: 'domain/ holds the rules: no framework, database, broker, or outer layer of the service.',
      severity: 'error',
      from: { path: '/domain/', pathNot: '\\.(int-|e2e-)?spec\\.ts$' },
      to: {
        path: [
          '^node_modules/(@nestjs|mongoose|mongodb|kafkajs|@opentelemetry)/',
          '^libs/(messaging|persistence|platform|observability|auth)/',
          '/(http|persistence|messaging|application)/',
        ],
      },
    },
    {
      name: 'application-imports-no-http',
      comment: 'Use cases serve HTTP and Kafka alike; request shapes and views belong to http/.',
      severity: 'error',
      from: { path: '/application/' },
      to: {
        path: ['/http/', '^libs/platform/', '^node_modules/(@nestjs/swagger|@nestjs/platform-fastify|fastify)/'],
      },
    },
    {
      name: 'controllers-inject-no-repositories',
      comment: 'Controllers call use cases or query services; a repository behind a controller skips the scope rules.',
      severity: 'error',
      from: { path: '\\.controller\\.ts$' },
      to: { path: ['/persistence/', '\\.repository\\.ts$'] },
    },
    {
      name: 'mongoose-only-in-persistence',
      comment: 'Only persistence/ folders and libs/persistence touch the database driver.',
      severity: 'error',
      from: {
        // Tests and benches may read the database directly (the canary scans do).
        pathNot: [
          '/persistence/',
          '^libs/persistence/',
          '^libs/testing/',
          '\\.(int-|e2e-)?spec\\.ts$',
          '^bench/',
          '^test/',
        ],
      },
      to: { path: '^node_modules/(mongoose|mongodb)/', dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^dist/', '^coverage/', '^\\.cache/', '^\\.stack/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
