// A ledger's storage read off its definition: each field's column is its snake_case name, and
// its kind is what the field stores — for the allow-list at run time and for kysely as types.
import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import type { Database } from '../../db/schema';
import { columnKind, columnsOf, snakeCase, type SnakeCase } from '../../shared/domain/ledgers/columns';
import { choice, choices, count, isoDate, moneyFen, optionalText, requiredText } from '../../shared/domain/validation';

describe('a ledger field as a column', () => {
  it('is named by its snake_case name, at run time and as a type', () => {
    expect(snakeCase('householdId')).toBe('household_id');
    expect(snakeCase('townshipReviewDate')).toBe('township_review_date');
    expectTypeOf<SnakeCase<'townshipReviewDate'>>().toEqualTypeOf<'township_review_date'>();
    expectTypeOf<SnakeCase<'year'>>().toEqualTypeOf<'year'>();
  });

  it('is an integer for whole numbers and booleans, a real for other numbers, text for the rest', () => {
    const optionalReal = z.number().nullish().transform((n) => n ?? null);
    expect(columnsOf({
      amountFen: moneyFen(),
      beneficiaries: count().nullish().transform((n) => n ?? null),
      confirmed: z.boolean().default(false),
      targetValue: optionalReal,
      entryDate: isoDate(),
      status: choice({ open: 1, closed: 1 }),
      tags: choices({ a: 1, b: 1 }),
      notes: optionalText(20),
      name: requiredText(20),
    })).toEqual({
      amount_fen: 'integer', beneficiaries: 'integer', confirmed: 'integer', target_value: 'real',
      entry_date: 'text', status: 'text', tags: 'text', notes: 'text', name: 'text',
    });
    expect(columnKind(z.number().int())).toBe('integer');
    expect(columnKind(z.number())).toBe('real');
  });

  it('gives kysely a nullable number or text per field, named by its column', () => {
    expectTypeOf<Database['households']['head_name']>().toEqualTypeOf<string | null>();
    expectTypeOf<Database['visits']['confirmed']>().toEqualTypeOf<number | null>();
    expectTypeOf<Database['plans']['target_value']>().toEqualTypeOf<number | null>();
    expectTypeOf<Database['monitored_households']['risk_types']>().toEqualTypeOf<string | null>();
    expectTypeOf<Database['fund_entries']['amount_fen']>().toEqualTypeOf<number | null>();
    expectTypeOf<Database['households']['deleted_at']>().toEqualTypeOf<string | null>();
    expectTypeOf<Database['households']>().not.toHaveProperty('headName');
  });
});
