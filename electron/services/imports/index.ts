// imports.*: a ledger from a spreadsheet. `preview` reads the file, finds the header, guesses (or
// remembers) the mapping and checks every row by a dry run of the import itself; `commit` imports
// the rows that pass in one transaction and remembers the mapping; `template` writes an XLSX with
// the headers and one sample row.
import { readFileSync, statSync } from 'node:fs';
import { ApiError } from '../../../shared/api/result';
import type { Handlers } from '../../../shared/api/types';
import {
  PREVIEW_ROWS, REQUIRED_COLUMNS, type ImportLedger, type ImportMapping, type ImportPreview,
} from '../../../shared/domain/imports';
import { MAX_IMPORT_BYTES } from '../../../shared/domain/imports';
import { LEDGER_DEFINITIONS } from '../../../shared/domain/ledgers/index';
import type { LedgerDefinition } from '../../../shared/domain/ledgers/define';
import { getMeta, setMeta } from '../../../db/meta';
import type { ServiceContext } from '../context';
import { requireVillageInScope } from '../ledgers/scope';
import { requireProfile } from '../profile';
import { findHeaderRow, guessMapping, mappingToRemember, type RememberedMapping } from './mapping';
import { fileError, readSheet, type Sheet } from './readSheet';
import { checkedCreate } from './checkedCreate';
import { runImport, type Creators, type DataRow } from './run';
import { writeTemplate } from './template';

type ImportHandlers = Pick<Handlers, 'imports.preview' | 'imports.commit' | 'imports.template'>;

interface Source {
  path?: string;
  data?: string;
}

/** The file's bytes, from its path or as sent; a missing file, a folder or a big file is named. */
function bytesOf(source: Source): Uint8Array {
  if (source.data !== undefined) return Buffer.from(source.data, 'base64');
  const path = source.path!;
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw fileError('imports.reason.notAFile', `${path} is not a file`);
    size = stat.size;
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw fileError('imports.reason.fileMissing', `${path} cannot be read`);
  }
  if (size > MAX_IMPORT_BYTES) throw fileError('imports.reason.tooBig', `The file is larger than ${MAX_IMPORT_BYTES} bytes`);
  return readFileSync(path);
}

const memoryKey = (ledger: ImportLedger) => `imports.mapping.${ledger}`;

function remembered(ctx: ServiceContext, ledger: ImportLedger): RememberedMapping {
  try {
    const value: unknown = JSON.parse(getMeta(ctx.db, memoryKey(ledger)) ?? '{}');
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as RememberedMapping) : {};
  } catch {
    return {};
  }
}

interface Read {
  sheet: Sheet;
  headerIndex: number;
  headers: string[];
  rows: DataRow[];
}

async function readRequest(ctx: ServiceContext, input: { ledger: ImportLedger; villageId: string; source: Source; headerRow?: number }): Promise<Read> {
  requireProfile(ctx);
  requireVillageInScope(ctx, input.villageId);
  const sheet = await readSheet(bytesOf(input.source));
  const headerIndex = input.headerRow !== undefined ? input.headerRow - 1 : findHeaderRow(sheet.rows, input.ledger);
  const headers = sheet.rows[headerIndex] ?? [];
  const headerKey = headers.join('\u0000');
  const rows = sheet.rows
    .map((cells, i) => ({ row: i + 1, cells }))
    .slice(headerIndex + 1)
    // Blank rows, and the header repeated (a sheet pasted from several printed pages), are not data.
    .filter((r) => r.cells.some((c) => c !== '') && r.cells.join('\u0000') !== headerKey);
  return { sheet, headerIndex, headers, rows };
}

function missingOf(ledger: ImportLedger, mapping: ImportMapping): string[] {
  return REQUIRED_COLUMNS[ledger].filter((field) => !mapping.some((m) => m.field === field));
}

function checkColumns(read: Read, mapping: ImportMapping): void {
  const width = Math.max(read.headers.length, ...read.rows.slice(0, 50).map((r) => r.cells.length));
  const issues = mapping.flatMap((m, i) => (m.column >= width ? [{ path: ['mapping', i, 'column'], message: 'imports.reason.unknownColumn' }] : []));
  if (issues.length) throw new ApiError('INVALID_INPUT', 'The mapping names a column the file does not have', issues);
}

export function importHandlers(ctx: ServiceContext): ImportHandlers {
  const creatorOf = (noun: 'households' | 'members' | 'visits' | 'needs') => checkedCreate(ctx, LEDGER_DEFINITIONS[noun] as unknown as LedgerDefinition<string, Record<string, never>>);
  // Made on first use: the statements they prepare need the ledgers' tables, which a fresh database gets at open.
  let made: Creators | null = null;
  const creators = (): Creators =>
    (made ??= { 'households.create': creatorOf('households'), 'members.create': creatorOf('members'), 'visits.create': creatorOf('visits'), 'needs.create': creatorOf('needs') });

  return {
    'imports.preview': async (input): Promise<ImportPreview> => {
      const read = await readRequest(ctx, input);
      const given = input.mapping !== undefined;
      const guess = given ? null : guessMapping(read.headers, input.ledger, remembered(ctx, input.ledger));
      const mapping = input.mapping ?? guess!.mapping;
      if (given) checkColumns(read, mapping);
      const missing = missingOf(input.ledger, mapping);
      const width = Math.max(read.headers.length, ...read.rows.slice(0, PREVIEW_ROWS).map((r) => r.cells.length));
      const columns = Array.from({ length: width }, (_, index) => ({
        index,
        header: read.headers[index] ?? '',
        samples: read.rows.map((r) => r.cells[index] ?? '').filter((c) => c !== '').slice(0, 3),
      }));
      const check = missing.length
        ? { rows: read.rows.length, accepted: 0, refusedRows: 0, refusals: [], records: {}, joins: [] }
        : runImport(ctx, creators(), { ...input, headers: read.headers, rows: read.rows, mapping, confirm: input.confirm ?? [] }, true);
      return {
        format: read.sheet.format,
        encoding: read.sheet.encoding,
        headerRow: read.headerIndex + 1,
        columns,
        mapping,
        mappingFrom: given ? 'given' : guess!.fromMemory ? 'remembered' : 'guessed',
        sample: read.rows.slice(0, PREVIEW_ROWS).map((r) => ({ row: r.row, cells: [...r.cells] })),
        missing,
        ...check,
      };
    },
    'imports.commit': async (input) => {
      const read = await readRequest(ctx, input);
      checkColumns(read, input.mapping);
      const missing = missingOf(input.ledger, input.mapping);
      if (missing.length) {
        throw new ApiError('INVALID_INPUT', `The mapping leaves out ${missing.join(', ')}`, [{ path: ['mapping'], message: 'imports.reason.missingColumn' }]);
      }
      const outcome = runImport(ctx, creators(), { ...input, headers: read.headers, rows: read.rows, mapping: input.mapping, confirm: input.confirm ?? [] }, false);
      setMeta(ctx.db, memoryKey(input.ledger), JSON.stringify({ ...remembered(ctx, input.ledger), ...mappingToRemember(read.headers, input.mapping) }));
      return outcome;
    },
    'imports.template': ({ ledger, path }) => writeTemplate(ctx.dataDir, ledger, path),
  };
}
