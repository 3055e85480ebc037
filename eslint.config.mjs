// Lint with type information, zero warnings (npm run lint passes --max-warnings=0).
// Layer rules live here too, so that they are checked by a tool, not by hope.
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettierOff from 'eslint-config-prettier';

// Type-only imports (a Connection handed through DI) are allowed; runtime use is not.
const onlyPersistenceTouchesMongoose = {
  '@typescript-eslint/no-restricted-imports': [
    'error',
    {
      paths: [
        {
          name: 'mongoose',
          message: 'Only persistence/ folders (and libs/persistence) touch mongoose.',
          allowTypeImports: true,
        },
      ],
    },
  ],
};

const domainStaysPure = {
  'no-restricted-imports': [
    'error',
    {
      patterns: [
        {
          group: ['@nestjs/*', 'mongoose', 'kafkajs', '@app/messaging', '@app/persistence'],
          message: 'domain/ holds pure rules: no framework, database or broker.',
        },
      ],
    },
  ],
};

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      '.cache/**',
      '.stack/**',
      '**/*.js',
      '**/*.mjs',
      '**/*.cjs',
      '**/*.py',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  // Layout is Prettier's (checked by `npm run lint`); ESLint keeps to correctness.
  prettierOff,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    // Nest resolves constructor parameters from emitted type metadata: a type-only
    // import would erase the class the injector needs.
    files: ['apps/**/*.ts', 'libs/**/*.ts'],
    rules: { '@typescript-eslint/consistent-type-imports': 'off' },
  },
  {
    files: ['apps/*/src/**/*.ts', 'libs/**/*.ts'],
    ignores: ['**/persistence/**', 'libs/persistence/**', 'libs/testing/**', '**/*spec.ts'],
    rules: onlyPersistenceTouchesMongoose,
  },
  { files: ['apps/*/src/domain/**/*.ts'], rules: domainStaysPure },
  {
    files: [
      '**/*.spec.ts',
      '**/*.int-spec.ts',
      '**/*.e2e-spec.ts',
      'libs/testing/**/*.ts',
      'bench/**/*.ts',
      'deploy/**/*.ts',
    ],
    rules: { 'no-console': 'off', '@typescript-eslint/unbound-method': 'off' },
  },
);
