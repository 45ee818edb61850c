// The compiled check says yes exactly where zod's parse does, for the kinds of schema the ledgers
// use and for kinds they do not use yet (run through zod's own code for the node or check), so a
// contract field written tomorrow cannot slip a value past the import's check.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { compileAccepts } from '../../../db/sync/schemaAccepts';

const SCHEMAS: Record<string, z.ZodType> = {
  trimmedBounded: z.string().trim().min(2).max(5),
  codePoints: z.string().max(3),
  exactLength: z.string().length(3),
  regexAndRefine: z.string().regex(/^\d+$/).refine((s) => Number(s) % 2 === 0),
  superRefined: z.string().superRefine((s, ctx) => {
    if (s.includes('x')) ctx.addIssue({ code: 'custom', message: 'no x' });
  }),
  transformThatRefuses: z.string().transform((s, ctx) => {
    if (s.length > 3) ctx.addIssue({ code: 'custom', message: 'long' });
    return s.toUpperCase();
  }),
  pipeIntoNumber: z.string().transform((s) => s.length).pipe(z.number().max(3)),
  emailFormat: z.email(),
  uuidFormat: z.uuid(),
  intFormat: z.int().min(-3).max(3),
  numberBounds: z.number().gt(0).lt(10),
  multipleOf: z.number().multipleOf(0.5),
  coerced: z.coerce.number().max(5),
  enumOrNull: z.enum(['a', 'b']).nullable(),
  literalUnion: z.union([z.literal('x'), z.literal(2), z.string().min(4)]),
  xor: z.xor([z.string().min(1), z.string().max(3)]),
  defaulted: z.array(z.enum(['a', 'b'])).max(2).refine((l) => new Set(l).size === l.length).default([]),
  optionalOfDefault: z.string().max(2).default('zz').optional(),
  exactOptional: z.exactOptional(z.string()),
  whenCustom: z.string().refine((s) => s.startsWith('a'), { when: (p) => typeof p.value === 'string' && p.value.length > 1 }),
  object: z.object({ a: z.string().max(2) }),
  boolean: z.boolean(),
  tuple: z.tuple([z.string(), z.number()]),
  record: z.record(z.string(), z.number()),
};

const value = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.constantFrom<unknown>(undefined, null, 'a', 'ab', 'abc', 'abcd', ' ab ', '😀😀😀', '😀😀😀😀', 'x', 2, 0.5, 1.25, -3, 3, 4, '4', '12', '13', 'a@b.cn', '0190a000-0000-7000-8000-0000000000ff', ['a'], ['a', 'a'], ['a', 'b', 'a'], { a: 'ab' }, { a: 'abc' }, ['s', 1]),
);

describe('compileAccepts', () => {
  it.each(Object.keys(SCHEMAS))('says yes exactly where zod does: %s', (name) => {
    const schema = SCHEMAS[name]!;
    const accepts = compileAccepts(schema);
    fc.assert(
      fc.property(value, (v) => {
        expect(accepts(v), JSON.stringify(v)).toBe(schema.safeParse(v).success);
      }),
      { numRuns: 300 },
    );
  });
});
