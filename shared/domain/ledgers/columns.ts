// How a ledger is stored, read off its definition: each field's column (the snake_case of its
// name) and the SQLite kind of that column, at run time for the allow-list (db/ledgers.ts) and
// as types for kysely (db/schema.ts). Nothing here is written twice by hand.
import { z } from 'zod';

export type ColumnKind = 'text' | 'integer' | 'real';

/** `headName` → `head_name`, as a type. */
export type SnakeCase<S extends string> = S extends `${infer H}${infer R}`
  ? `${H extends Lowercase<H> ? H : `_${Lowercase<H>}`}${SnakeCase<R>}`
  : S;

export function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** The schema under its optional/nullable/default/pipe wrappers: what the field holds. */
export function baseSchema(schema: z.ZodType): z.ZodType {
  let s: z.ZodType = schema;
  for (;;) {
    if (s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodDefault) s = s.unwrap() as z.ZodType;
    else if (s instanceof z.ZodPipe) s = s.in as z.ZodType;
    else if (s instanceof z.ZodUnion) s = s.options[0] as z.ZodType;
    else return s;
  }
}

/** A boolean is kept as 0/1, a whole number as an integer, any other number as a real, the rest (text, dates, choices, JSON) as text. */
export function columnKind(schema: z.ZodType): ColumnKind {
  const base = baseSchema(schema);
  if (base instanceof z.ZodBoolean) return 'integer';
  if (base instanceof z.ZodNumber) return base.format === 'safeint' || base.isInt ? 'integer' : 'real';
  return 'text';
}

/** The columns of a ledger's table, in the order of its fields. */
export function columnsOf<S extends z.ZodRawShape>(fields: S): ColumnsOf<S> {
  return Object.fromEntries(Object.entries(fields).map(([name, schema]) => [snakeCase(name), columnKind(schema as z.ZodType)])) as ColumnsOf<S>;
}

export type ColumnsOf<S extends z.ZodRawShape> = { readonly [K in keyof S & string as SnakeCase<K>]: ColumnKind };

/** What a column of this field holds as kysely reads it: numbers (booleans as 0/1) or text (JSON too), or null. */
type CellOf<T> = [NonNullable<T>] extends [never] ? null : NonNullable<T> extends number | boolean ? number | null : string | null;

/** A ledger row's columns as kysely sees them (nullable, never optional: kysely's convention). */
export type CellsOf<S extends z.ZodRawShape> = { [K in keyof S & string as SnakeCase<K>]: CellOf<z.output<S[K]>> };
