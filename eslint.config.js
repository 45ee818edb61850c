// Lint, the import fences that keep the architecture's arrows pointing down
// (renderer → shared; electron → db → shared), and the fence that keeps SQL in db/.
// test/lint/fences.test.ts plants a bad import in each folder, and SQL outside db/, and proves
// the fences catch them.
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

const NAMED_EXPORTS = { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' };

const SQL_IN_DB = 'SQL belongs in db/: call a function of a db/ module (see docs/architecture.md).';
/** Text that opens like a statement SQLite runs. */
const SQL_TEXT = '/^\\s*(SELECT|INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER|BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE|PRAGMA|WITH|ATTACH|DETACH|VACUUM|ANALYZE|REINDEX)\\b/i';
/**
 * SQL outside db/: better-sqlite3's prepare(text) and pragma(…) on any receiver (a sync target's
 * prepare() takes nothing); exec() on a connection or given SQL text (a RegExp's exec is not
 * SQL); kysely's sql`…` and sql.raw(…), and queries built on the database's kysely.
 */
const SQL_OUTSIDE_DB = [
  "CallExpression[callee.property.name='prepare'][arguments.length>0]",
  "CallExpression[callee.property.name='pragma']",
  "CallExpression[callee.property.name='exec'][callee.object.name=/^(sqlite|db|database|connection)$/i]",
  "CallExpression[callee.property.name='exec'][callee.object.property.name=/^(sqlite|db)$/]",
  `CallExpression[callee.property.name='exec'] > Literal.arguments[value=${SQL_TEXT}]`,
  `CallExpression[callee.property.name='exec'] > TemplateLiteral.arguments[quasis.0.value.raw=${SQL_TEXT}]`,
  "TaggedTemplateExpression[tag.name='sql']",
  "CallExpression[callee.object.name='sql'][callee.property.name=/^(raw|ref|id|lit|join|val|table)$/]",
  "MemberExpression[property.name='kysely']",
].map((selector) => ({ selector, message: SQL_IN_DB }));

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'release/', '.cache/', 'test-results/', 'playwright-report/', 'test/lint/fixtures/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off', // migrations take Kysely<any> by design
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', NAMED_EXPORTS],
    },
  },
  // One SQL layer: every query lives in db/; the services call its functions.
  { files: ['electron/**/*.ts', 'shared/**/*.ts', 'renderer/**/*.{ts,tsx}'], rules: { 'no-restricted-syntax': ['error', NAMED_EXPORTS, ...SQL_OUTSIDE_DB] } },
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
  fence(['electron/host/**'], bad('electron/host', "plain Node over services: no 'electron', no shell, no renderer, no SQL"), {
    paths: ['electron', 'react', 'react-dom', 'antd', 'kysely'],
    regexes: [REL + '(main|preload|renderer)(/|$)'],
  }),
  fence(['electron/services/**'], bad('electron/services', "plain Node: no 'electron', no shell, no host, no renderer; SQL is db/'s"), {
    paths: ['electron', 'react', 'react-dom', 'antd', 'kysely'],
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
