// A ledger's create as crud.ts does it, for thousands of rows in one transaction: the same
// checks in the same order (writeChecks.ts) and the same store.create — so an imported row is
// the change log's, exactly as a typed one. What it leaves out is per-call work an import does
// once: the profile and village scope (checked before the first row) and reading each new row
// back for the screen. Refusals are returned, not thrown, so one bad row does not end the file.
import type { ApiIssue } from '../../../shared/api/result';
import type { Confirmation, LedgerDefinition } from '../../../shared/domain/ledgers/define';
import type { LedgerName } from '../../../db/ledgers';
import type { ServiceContext } from '../context';
import { toColumns } from '../ledgers/codec';
import { writeChecks } from '../ledgers/writeChecks';

type AnyDefinition = LedgerDefinition<string, Record<string, never>>;

export type CreateOutcome = { ok: true; id: string } | { ok: false; issues: ApiIssue[] };

/** `create(villageId, fields, confirm)` for one ledger; the caller has checked the profile and the village's scope. */
export function checkedCreate(ctx: ServiceContext, def: AnyDefinition) {
  const checks = writeChecks(ctx, def);
  return (villageId: string, fields: Record<string, unknown>, confirm: readonly Confirmation[]): CreateOutcome => {
    const record = checks.completeNew(villageId, fields);
    const verdict = checks.judge(villageId, null, record, confirm);
    if (verdict.hard.length) return { ok: false, issues: verdict.hard };
    if (verdict.soft.length) return { ok: false, issues: verdict.soft };
    return { ok: true, id: ctx.store.create(def.table as LedgerName as 'households', villageId, toColumns(def, record)) };
  };
}
