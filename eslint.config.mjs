// Lint with type information, zero warnings (npm run lint passes --max-warnings=0).
// Layer rules are dependency-cruiser's (.dependency-cruiser.cjs, npm run lint:layers).
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettierOff from 'eslint-config-prettier';

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
    // Small files with one job, and lines Prettier cannot shorten (strings, comments) kept readable.
    files: ['apps/**/*.ts', 'libs/**/*.ts'],
    rules: { 'max-len': ['error', { code: 120 }], 'max-lines': ['error', { max: 300 }] },
  },
  {
    // Nest resolves constructor parameters from emitted type metadata: a type-only
    // import would erase the class the injector needs.
    files: ['apps/**/*.ts', 'libs/**/*.ts'],
    rules: { '@typescript-eslint/consistent-type-imports': 'off' },
  },
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
