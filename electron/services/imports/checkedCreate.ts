// A ledger's create as crud.ts does it, for thousands of rows in one transaction: the same order of
// checks (the definition's cross-field check, references within the village, the hard rules of
// rules.ts, then its soft rules unless confirmed), the same defaults and derived fields, and the
// same store.create — so an imported row is the change log's, exactly as a typed one. What it
// leaves out is per-call work an import does once: the profile and village scope (checked before
// the first row) and reading each new row back for the screen.
import type { ApiIssue } from '../../../shared/api/result';
import type { LedgerNoun } from '../../../shared/api/methods';
import type { Confirmation, LedgerDefinition } from '../../../shared/domain/ledgers/define';
import { V } from '../../../shared/domain/validation';
import type { LedgerName } from '../../../db/ledgers';
import type { ServiceContext } from '../context';
import { toColumns } from '../ledgers/codec';
import { LEDGER_RULES, REFERENCES } from '../ledgers/rules';

type AnyDefinition = LedgerDefinition<string, Record<string, never>>;

export type CreateOutcome = { ok: true; id: string } | { ok: false; issues: ApiIssue[] };

/** `create(villageId, fields, confirm)` for one ledger; the caller has checked the profile and the village's scope. */
export function checkedCreate(ctx: ServiceContext, def: AnyDefinition) {
  const noun = def.noun as LedgerNoun;
  const rules = LEDGER_RULES[noun] ?? {};
  const referenceFields = Object.keys(def.fields).filter((f) => f in REFERENCES);
  // Table names come from REFERENCES, the ledgers' allow-list.
  const referenceChecks = new Map(
    referenceFields.map((field) => [field, ctx.db.sqlite.prepare(`SELECT 1 FROM "${REFERENCES[field]!.table}" WHERE id = ? AND village_id = ? AND deleted_at IS NULL`)]),
  );

  return (villageId: string, fields: Record<string, unknown>, confirm: readonly Confirmation[]): CreateOutcome => {
    const filled = { ...fields, ...rules.defaults?.({ ctx, villageId, id: null, record: fields }) };
    const record = { ...filled, ...rules.derive?.(filled) };
    const references = referenceFields.flatMap((field): ApiIssue[] => {
      const target = record[field];
      if (target === null || target === undefined) return [];
      return referenceChecks.get(field)!.get(target, villageId) ? [] : [{ path: [field], message: V.reference }];
    });
    const hard = [...def.check(record as never), ...references, ...(rules.hard?.({ ctx, villageId, id: null, record }) ?? [])];
    if (hard.length) return { ok: false, issues: hard };
    const soft = (rules.soft?.({ ctx, villageId, id: null, record }) ?? []).filter((s) => !confirm.includes(s.confirmation));
    if (soft.length) return { ok: false, issues: soft.map((s) => s.issue) };
    return { ok: true, id: ctx.store.create(def.table as LedgerName as 'households', villageId, toColumns(def, record)) };
  };
}
