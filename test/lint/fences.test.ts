// The import fences in eslint.config.js keep the architecture's arrows pointing down.
// Each case plants one import in a file of a folder and asks ESLint (the real config) about it.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: new URL('../..', import.meta.url).pathname });

async function layeringErrors(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: file });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

// The shell's module name, spelled apart so that tools grepping for imports of it do not take
// these planted lines for real ones.
const ELECTRON = `'${'electron'}'`;

const upward: [folder: string, file: string, source: string][] = [
  ['shared', 'shared/domain/planted.ts', "import { openDatabase } from '../../db/open';"],
  ['shared', 'shared/domain/planted.ts', "import { readFileSync } from 'node:fs';"],
  ['shared', 'shared/api/planted.ts', "import { createStore } from '../../db/store';"],
  ['shared', 'shared/api/planted.ts', "import React from 'react';"],
  ['db', 'db/planted.ts', "import { openApp } from '../electron/services/app';"],
  ['db', 'db/sync/planted.ts', `import { app } from ${ELECTRON};`],
  ['services', 'electron/services/planted.ts', `import { app } from ${ELECTRON};`],
  ['services', 'electron/services/planted.ts', "import { startHost } from '../host/server';"],
  ['services', 'electron/services/planted.ts', "import { registerApi } from '../main/ipc';"],
  ['host', 'electron/host/planted.ts', "import { windowOptions } from '../main/windowOptions';"],
  ['main', 'electron/main/planted.ts', "import { api } from '../../renderer/src/api';"],
  ['preload', 'electron/preload/planted.ts', "import { openDatabase } from '../../db/open';"],
  ['preload', 'electron/preload/planted.ts', "import { join } from 'node:path';"],
  ['renderer', 'renderer/src/planted.ts', "import { openDatabase } from '../../db/open';"],
  ['renderer', 'renderer/src/planted.ts', "import { readFileSync } from 'fs';"],
  ['renderer', 'renderer/src/planted.ts', "import Database from 'better-sqlite3';"],
  ['renderer', 'renderer/src/planted.ts', `import { ipcRenderer } from ${ELECTRON};`],
  ['renderer', 'renderer/src/planted.ts', "import { createDispatch } from '../../electron/services/dispatch';"],
];

const allowed: [file: string, source: string][] = [
  ['shared/domain/planted.ts', "import { z } from 'zod';"],
  ['db/planted.ts', "import { LEDGERS } from './ledgers';\nimport { V } from '../shared/domain/validation';"],
  ['electron/services/planted.ts', "import { openDatabase } from '../../db/open';\nimport { join } from 'node:path';"],
  ['electron/host/planted.ts', "import { openApp } from '../services/app';"],
  ['electron/main/planted.ts', `import { app } from ${ELECTRON};\nimport { openApp } from '../services/app';`],
  ['electron/preload/planted.ts', `import { contextBridge } from ${ELECTRON};\nimport { buildBridge } from '../../shared/api/bridge';`],
  ['renderer/src/planted.ts', "import { createClient } from '../../shared/api/client';\nimport { Button } from 'antd';"],
];

describe('the import fences', () => {
  it.each(upward)('refuse an upward import from %s (%s: %s)', async (_folder, file, source) => {
    const errors = await layeringErrors(file, `${source}\nexport const x = 1;\n`);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('Bad layering: ');
  });

  it.each(allowed)('let %s import what lies below it', async (file, source) => {
    expect(await layeringErrors(file, `${source}\nexport const x = 1;\n`)).toEqual([]);
  });
});

// One SQL layer: SQL outside db/ (a statement prepared, a pragma, SQL run, kysely's sql`…` or a
// query built on the database's kysely) is refused; a RegExp's exec and a target's prepare() are not SQL.
async function sqlErrors(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: file });
  return result!.messages.filter((m) => m.message.startsWith('SQL belongs in db/')).map((m) => m.message);
}

const sqlOutsideDb: [file: string, source: string][] = [
  ['electron/services/planted.ts', "export const x = (ctx: any) => ctx.db.sqlite.prepare('SELECT 1 FROM villages').get();"],
  ['electron/services/sync/planted.ts', 'export const x = (sqlite: any, text: string) => sqlite.prepare(text).all();'],
  ['electron/services/planted.ts', "export const x = (sqlite: any) => sqlite.pragma('journal_mode', { simple: true });"],
  ['electron/services/planted.ts', "export const x = (sqlite: any) => sqlite.exec('ROLLBACK');"],
  ['electron/services/planted.ts', "export const x = (ctx: any, text: string) => ctx.db.sqlite.exec(text);"],
  ['electron/services/planted.ts', 'export const x = (conn: any) => conn.exec(`DELETE FROM export_marks WHERE target = ${1}`);'],
  ['electron/services/planted.ts', 'declare const sql: any;\nexport const x = sql`id IN (SELECT value FROM json_each(${1}))`;'],
  ['electron/services/planted.ts', "declare const sql: any;\nexport const x = sql.raw('PRAGMA user_version');"],
  ['electron/services/planted.ts', "export const x = (ctx: any) => ctx.db.kysely.selectFrom('villages').selectAll();"],
  ['electron/host/planted.ts', "export const x = (sqlite: any) => sqlite.prepare('SELECT 1');"],
  ['shared/domain/planted.ts', "export const x = (sqlite: any) => sqlite.prepare('SELECT 1');"],
  ['renderer/src/planted.ts', "export const x = (sqlite: any) => sqlite.exec('SELECT 1');"],
];

const notSql: [file: string, source: string][] = [
  ['electron/services/planted.ts', "export const x = (t: string) => /^(\\d{4})-(\\d{2})$/.exec(t) ?? new RegExp('a', 'i').exec(t);"],
  ['electron/services/planted.ts', 'export const x = (pattern: RegExp, text: string) => pattern.exec(text);'],
  ['electron/services/planted.ts', 'export const x = async (target: { prepare(): Promise<void> }) => target.prepare();'],
  ['db/planted.ts', "export const x = (sqlite: any) => sqlite.prepare('SELECT 1').get() ?? sqlite.exec('ROLLBACK') ?? sqlite.pragma('user_version');"],
];

describe('the SQL fence', () => {
  it.each(sqlOutsideDb)('refuses SQL outside db/ (%s: %s)', async (file, source) => {
    // A line may break the fence twice (exec on a connection, of SQL text): once is enough.
    expect((await sqlErrors(file, source)).length).toBeGreaterThan(0);
  });

  it('refuses an import of kysely in the services and the host', async () => {
    for (const file of ['electron/services/planted.ts', 'electron/host/planted.ts']) {
      const errors = await layeringErrors(file, "import { sql } from 'kysely';\nexport const x = sql;\n");
      expect(errors).toHaveLength(1);
    }
  });

  it.each(notSql)('lets %s run what is not SQL outside db/, and SQL in db/ (%s)', async (file, source) => {
    expect(await sqlErrors(file, source)).toEqual([]);
  });
});
