// A record's history as the contract sees it: every change of every field, who made it on which
// device, the value before and after, and conflicts — open ones and the ones a person resolved.
import { z } from 'zod';
import { LEDGER_NOUNS } from '../api/methods';
import { rowId, V } from './validation';

export const historyInput = z.strictObject({
  ledger: z.enum(LEDGER_NOUNS, { error: V.invalid }),
  id: rowId,
});
export type HistoryInput = z.input<typeof historyInput>;

const cell = z.union([z.string(), z.number(), z.null()]);

export const HISTORY_KINDS = ['created', 'edited', 'deleted', 'restored'] as const;

export const historyEntry = z.object({
  changeId: z.string(),
  /** When it was written, by its device's clock (ISO). */
  at: z.string(),
  /** The field (camelCase, as the ledger definition names it); null for the record itself (created, deleted, restored). */
  field: z.string().nullable(),
  kind: z.enum(HISTORY_KINDS),
  /** The values it replaced: none when first written, several when it settled a conflict. ID numbers and phones masked. */
  before: z.array(cell),
  after: cell,
  /** The device that wrote it, the person it is trusted as (null when unknown here), and whether it is this computer. */
  origin: z.string(),
  who: z.string().nullable(),
  role: z.string().nullable(),
  self: z.boolean(),
  /** It settled a conflict: a person chose among the values in `before`. */
  resolved: z.boolean(),
  /** It is one of several current values of its field, written without knowing of each other (an open conflict). */
  conflict: z.boolean(),
});
export type HistoryEntry = z.infer<typeof historyEntry>;

export const historyResult = z.object({ entries: z.array(historyEntry) });
export type HistoryResult = z.infer<typeof historyResult>;
