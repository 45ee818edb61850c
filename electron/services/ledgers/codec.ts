// Between a ledger's domain record (camelCase, booleans, arrays) and its row (snake_case
// columns, 0/1, JSON text). The definition's codecs say which fields need more than a copy.
import type { LedgerDefinition } from '../../../shared/domain/ledgers/define';
import { snakeCase } from '../../../shared/domain/ledgers/define';
import type { CellValue } from '../../../db/store';

type AnyDefinition = LedgerDefinition<string, Record<string, never>>;

export function toColumns(def: AnyDefinition, values: Record<string, unknown>): Record<string, CellValue> {
  const columns: Record<string, CellValue> = {};
  for (const [field, value] of Object.entries(values)) {
    if (!(field in def.fields) || value === undefined) continue;
    const codec = def.codecs[field as never];
    columns[snakeCase(field)] = codec === 'bool' ? (value ? 1 : 0) : codec === 'json' ? JSON.stringify(value ?? []) : (value as CellValue);
  }
  return columns;
}

export function fromRow(def: AnyDefinition, row: Record<string, unknown>): Record<string, unknown> {
  const record: Record<string, unknown> = {
    id: row.id,
    villageId: row.village_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
  for (const field of Object.keys(def.fields)) {
    const value = row[snakeCase(field)];
    const codec = def.codecs[field as never];
    record[field] = codec === 'bool' ? value === 1 : codec === 'json' ? parseList(value) : (value ?? null);
  }
  return record;
}

function parseList(value: unknown): unknown[] {
  if (typeof value !== 'string') return [];
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [];
  }
}
