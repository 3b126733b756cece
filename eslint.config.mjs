// Lint (issue 10): typescript-eslint's recommended rules, no import cycles, and the layers' boundaries.
// `npm test` runs it with --max-warnings 0, so a warning fails the run as an error does.
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import nextPlugin from '@next/eslint-plugin-next';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/** Imports a layer may not make: each entry is [files, forbidden module patterns, why]. */
const boundaries = [
  [['app/**'], ['@/db', '@/db/*', '**/db/*'], 'pages and actions reach the database only through lib/dal'],
  [
    ['components/**'],
    ['@/db', '@/db/*', '**/db/*', '@/lib/dal/*', '**/lib/dal/*'],
    'components render what pages give them; data comes through pages and actions',
  ],
];

/** The schema imports from the rest of the codebase only the vocabulary and the read rules it declares as policies. */
const schemaImports = {
  regex: String.raw`^(@/|\.\./\.\./)(?!lib/vocabulary$|lib/authz/predicates$)`,
  message: 'the schema imports only lib/vocabulary and lib/authz/predicates',
  allowTypeImports: true,
};

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      '.next*/',
      '.data/',
      'test-results/',
      'playwright-report/',
      'bench/results/',
      'db/migrations/',
      'public/',
      'next-env.d.ts',
    ],
  },
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    settings: {
      // The TypeScript parser reads the imported files too, so a cycle through any .ts file is followed.
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver-next': [createTypeScriptImportResolver({ alwaysTryTypes: true })],
    },
    rules: {
      'import-x/no-cycle': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['app/**', 'components/**'],
    plugins: { '@next/next': nextPlugin, 'react-hooks': reactHooks },
    rules: { ...nextPlugin.configs.recommended.rules, ...reactHooks.configs.recommended.rules },
  },
  { files: ['db/schema/**'], rules: { 'no-restricted-imports': ['error', { patterns: [schemaImports] }] } },
  ...boundaries.map(([files, group, message]) => ({
    files,
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group, message, allowTypeImports: true }] }] },
  })),
);
