// Which record a conflict is about, in the words of its ledger: a household by its head and
// group, a visit by its date and household, a project by its name (the cells come from the
// service, a deleted record's too). Every conflict is named this one way: a two-writes conflict
// in its ledger column, a delete-vs-edit one also in the sentence that tells what happened.
import type { Lang } from '../../../../shared/domain/labels';
import type { ConflictItem } from '../../../../shared/domain/sync';
import { fieldLabel, tableLabel, valueText, type deleteVsEditOf, type Translate } from './syncText';

type ConflictHead = ConflictItem['heads'][number];

/** "张三 · 一组": the record's naming cells as its ledger shows them; null when none is filled. */
export function recordName(t: Translate, lang: Lang, c: Pick<ConflictItem, 'tbl' | 'record'>): string | null {
  const parts = (c.record ?? []).filter((cell) => cell.value !== null && cell.value !== '').map((cell) => valueText(t, lang, c.tbl, cell.col, cell.value));
  return parts.length ? parts.join(' · ') : null;
}

/** "农户台账「张三 · 一组」", or "农户台账中的一条记录" when nothing names it. */
export function recordText(t: Translate, lang: Lang, c: Pick<ConflictItem, 'tbl' | 'record'>): string {
  const name = recordName(t, lang, c);
  const ledger = tableLabel(t, c.tbl);
  return name === null ? t('sync.conflicts.recordUnnamed', { ledger }) : t('sync.conflicts.record', { ledger, name });
}

/** "农户台账「张三 · 一组」：王建国删除了这条记录，赵敏同时修改了“电话”". */
export function deleteVsEditSentence(
  t: Translate,
  lang: Lang,
  exists: (key: string) => boolean,
  c: Pick<ConflictItem, 'tbl' | 'record'>,
  found: NonNullable<ReturnType<typeof deleteVsEditOf>>,
  nameOf: (head: ConflictHead) => string,
): string {
  const list = (items: readonly string[]) => new Intl.ListFormat(lang, { type: 'conjunction' }).format([...new Set(items)]);
  return t('sync.conflicts.deletedEditedWho', {
    record: recordText(t, lang, c),
    deleters: list(found.deletions.map(nameOf)),
    editors: list(found.edits.map(nameOf)),
    fields: list(found.edits.map((h) => t('sync.conflicts.quoted', { text: fieldLabel(t, exists, c.tbl, h.col) }))),
  });
}
