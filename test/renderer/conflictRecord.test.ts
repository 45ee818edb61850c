// The conflicts screen names a conflict's record in its ledger's words, zh and en: choices as
// their labels, money in 元, a reference as the name of what it points at; and tells a
// delete-vs-edit in one sentence naming the record, who deleted it and who edited what.
import { describe, expect, it } from 'vitest';
import { contract } from '../../shared/api/contract';
import type { ConflictItem } from '../../shared/domain/sync';
import { createI18n } from '../../renderer/src/i18n/i18n';
import { deleteVsEditSentence, recordName, recordText } from '../../renderer/src/screens/sync/recordText';
import { deleteVsEditOf, type Translate } from '../../renderer/src/screens/sync/syncText';

const zh = createI18n('zh-CN');
const en = createI18n('en');
const tz = zh.t.bind(zh) as unknown as Translate;
const te = en.t.bind(en) as unknown as Translate;

const household = { tbl: 'households', record: [{ col: 'head_name', value: '张三' }, { col: 'villager_group', value: '一组' }] };

describe('recordName and recordText', () => {
  it('name a household by its head and group, inside its ledger', () => {
    expect(recordName(tz, 'zh-CN', household)).toBe('张三 · 一组');
    expect(recordText(tz, 'zh-CN', household)).toBe('农户台账「张三 · 一组」');
    expect(recordText(te, 'en', household)).toMatch(/^.+ “张三 · 一组”$/);
  });

  it('read choices as their labels and money in 元, skipping empty cells', () => {
    const plan = { tbl: 'plans', record: [{ col: 'year', value: 2026 }, { col: 'duty', value: 'collective_economy' }, { col: 'goal', value: null }] };
    expect(recordName(tz, 'zh-CN', plan)).toBe('2026 · 发展集体经济');
    expect(recordName(te, 'en', plan)).toBe('2026 · Collective economy');
    const entry = { tbl: 'fund_entries', record: [{ col: 'project_id', value: '村道硬化' }, { col: 'entry_date', value: '' }, { col: 'amount_fen', value: 1_250_000 }] };
    expect(recordName(tz, 'zh-CN', entry)).toBe('村道硬化 · 12,500.00 元');
  });

  it('fall back to "a record of the ledger" when nothing names it (or the host sent no cells)', () => {
    expect(recordName(tz, 'zh-CN', { tbl: 'visits', record: [{ col: 'visit_date', value: null }] })).toBeNull();
    expect(recordText(tz, 'zh-CN', { tbl: 'visits' })).toBe('入户走访中的一条记录');
    expect(recordText(te, 'en', { tbl: 'visits' })).toMatch(/^a record in .+/);
  });
});

describe('deleteVsEditSentence', () => {
  const head = { origin: '0123456789abcdef', at: '2026-11-27T08:00:00.000Z', shown: false };
  const conflict: ConflictItem = {
    tbl: 'households', rowId: 'r', villageId: 'v', col: '_row', record: household.record,
    heads: [
      { ...head, changeId: 'd', value: 'deleted', originName: '王建国', shown: true },
      { ...head, changeId: 'e1', value: '13900000000', originName: '赵敏', col: 'phone' },
      { ...head, changeId: 'e2', value: '村东头', originName: '赵敏', col: 'address' },
    ],
  };
  const found = deleteVsEditOf(conflict)!;
  const exists = (i18n: typeof zh) => (key: string) => i18n.exists(key);
  const nameOf = (h: ConflictItem['heads'][number]) => h.originName ?? h.origin;

  it('names the record, who deleted it and who edited which fields, each person once', () => {
    expect(deleteVsEditSentence(tz, 'zh-CN', exists(zh), conflict, found, nameOf)).toBe('农户台账「张三 · 一组」：王建国删除了这条记录，赵敏同时修改了“联系电话”和“住址”');
    expect(deleteVsEditSentence(te, 'en', exists(en), conflict, found, nameOf)).toMatch(/^.+ “张三 · 一组”: 王建国 deleted this record while 赵敏 changed “.+” and “.+”$/);
  });
});

describe('the conflicts.list contract', () => {
  it('keeps the record cells the service sends, so the screen receives them', () => {
    const item = { tbl: 'households', rowId: 'r', villageId: 'v', col: '_row', heads: [], record: household.record };
    expect(contract['conflicts.list'].output.parse({ items: [item] }).items[0]!.record).toEqual(household.record);
  });
});
