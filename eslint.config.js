// Lint, and the import fences that keep the architecture's arrows pointing down
// (renderer → shared; electron → db → shared). test/lint/fences.test.ts plants a bad import
// in each folder and proves the fence catches it.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const bad = (from, allowed) => `Bad layering: ${from} may not import this (${allowed}). See docs/architecture.md.`;

/** One fence: files in `files` may not import anything matching `patterns`. */
function fence(files, message, { paths = [], regexes = [] }) {
  return {
    files,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: paths.map((name) => ({ name, message })),
          patterns: regexes.map((regex) => ({ regex, message })),
        },
      ],
    },
  };
}

/** A relative import that passes through one of the named folders. */
const REL = '^\\.\\.?/(.*/)?';
const NODE_BUILTINS = '^(node:.*|fs|path|os|child_process|crypto|http|https|net|url|zlib|stream|worker_threads)$';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'release/', '.cache/', 'test-results/', 'playwright-report/', 'test/lint/fixtures/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off', // migrations take Kysely<any> by design
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  // Tools that require a default export.
  { files: ['*.config.{js,ts}', 'test/e2e/globalSetup.ts'], rules: { 'no-restricted-syntax': 'off' } },

  fence(['shared/**'], bad('shared/', 'it imports only zod'), {
    paths: ['electron', 'react', 'react-dom', 'better-sqlite3', 'kysely', 'antd'],
    regexes: [NODE_BUILTINS, REL + '(db|electron|renderer)(/|$)'],
  }),
  fence(['db/**'], bad('db/', 'it imports shared/ and its own libraries only'), {
    paths: ['electron', 'react', 'react-dom', 'antd'],
    regexes: [REL + '(electron|renderer)(/|$)'],
  }),
  fence(['electron/host/**'], bad('electron/host', "plain Node over services: no 'electron', no shell, no renderer"), {
    paths: ['electron', 'react', 'react-dom', 'antd'],
    regexes: [REL + '(main|preload|renderer)(/|$)'],
  }),
  fence(['electron/services/**'], bad('electron/services', "plain Node: no 'electron', no shell, no host, no renderer"), {
    paths: ['electron', 'react', 'react-dom', 'antd'],
    regexes: [REL + '(main|preload|renderer|host)(/|$)'],
  }),
  fence(['electron/main/**'], bad('electron/main', 'the shell imports services, db and shared, never the renderer or the host'), {
    regexes: [REL + '(renderer|host)(/|$)'],
  }),
  fence(['electron/preload/**'], bad('electron/preload', "only 'electron' and shared/"), {
    regexes: [NODE_BUILTINS, REL + '(db|services|host|main|renderer)(/|$)', '^(better-sqlite3|kysely)$'],
  }),
  fence(['renderer/**'], bad('renderer/', 'only shared/ and UI libraries; the store is reached through the api'), {
    paths: ['electron', 'better-sqlite3', 'kysely'],
    regexes: [NODE_BUILTINS, REL + '(db|electron)(/|$)'],
  }),
);
