// The five methods of every ledger (list, get, create, update, delete), typed from its
// definition. Each ledger's part of the contract is generated, never written by hand.
import { z } from 'zod';
import { createSchema, listSchema, patchSchema, rowSchema, type LedgerDefinition } from '../domain/ledgers/define';
import { rowId } from '../domain/validation';

const idInput = z.strictObject({ id: rowId });

function crudSchemas<N extends string, S extends z.ZodRawShape>(def: LedgerDefinition<N, S>) {
  const row = rowSchema(def);
  return {
    list: { input: listSchema(def), output: z.object({ items: z.array(row), total: z.number().int() }) },
    get: { input: idInput, output: row },
    create: { input: createSchema(def), output: row },
    update: { input: patchSchema(def), output: row },
    delete: { input: idInput, output: z.object({ id: rowId }) },
  };
}

type CrudSchemas<N extends string, S extends z.ZodRawShape> = ReturnType<typeof crudSchemas<N, S>>;

export type CrudEntries<D> =
  D extends LedgerDefinition<infer N, infer S>
    ? { [V in keyof CrudSchemas<N, S> as `${N}.${V & string}`]: CrudSchemas<N, S>[V] }
    : never;

export function crudEntries<N extends string, S extends z.ZodRawShape>(def: LedgerDefinition<N, S>): CrudEntries<LedgerDefinition<N, S>> {
  return Object.fromEntries(Object.entries(crudSchemas(def)).map(([verb, schemas]) => [`${def.noun}.${verb}`, schemas])) as CrudEntries<
    LedgerDefinition<N, S>
  >;
}

type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

/** Every ledger's five methods, for the contract to spread: a ledger added to the definitions is in the contract. */
export type AllCrudEntries<L> = UnionToIntersection<{ [K in keyof L]: CrudEntries<L[K]> }[keyof L]>;

export function allCrudEntries<L extends Record<string, unknown>>(definitions: L): AllCrudEntries<L> {
  const all = Object.values(definitions) as LedgerDefinition<string, z.ZodRawShape>[];
  return Object.assign({}, ...all.map((def) => crudEntries(def))) as AllCrudEntries<L>;
}
