import { describe, expect, it } from 'vitest';
import type { ConflictItem, ImportReceiptView } from '../../shared/domain/sync';
import { createI18n } from '../../renderer/src/i18n/i18n';
import { importReceipt } from '../../shared/domain/sync';
import {
  camelOf, deleteVsEditOf, enrolledLines, fieldLabel, gapText, nounOfTable, receiptLines, REFUSAL_REASONS, refusalText, SET_ASIDE_REASONS, splitPaths, tableLabel,
  typedValue, valueText, type Translate,
} from '../../renderer/src/screens/sync/syncText';

const zh = createI18n('zh-CN');
const en = createI18n('en');
const tz = zh.t.bind(zh) as unknown as Translate;
const te = en.t.bind(en) as unknown as Translate;

function receipt(patch: Partial<ImportReceiptView>): ImportReceiptView {
  return {
    file: 'a.cunji', fileHash: 'ff', producer: '0123456789abcdef', status: 'imported',
    segmentsNew: 1, segmentsKnown: 0, changesNew: 0, changesKnown: 0, conflictsCreated: 0, setAside: {}, gaps: [], refusal: null,
    ...patch,
  };
}

describe('receiptLines', () => {
  it('says in plain Chinese what an import brought', () => {
    const lines = receiptLines(
      tz,
      receipt({ changesNew: 12, changesKnown: 3, conflictsCreated: 2, setAside: { OUT_OF_SCOPE: 4, FUTURE_CLOCK: 1 }, gaps: ['device 0123456789abcdef, segments 3–5 missing'] }),
      (id) => (id === '0123456789abcdef' ? '王建国' : id),
    );
    expect(lines).toEqual([
      '新增 12 条',
      '已有 3 条',
      '冲突 2 处',
      '搁置 4 条：所属的村不在对方设备的管理范围内',
      '搁置 1 条：时间比本机晚一天以上，请核对两台电脑的时间',
      '缺少的分段：王建国 的第 3–5 段',
    ]);
  });

  it('names whose history forked: another device by name, or this computer itself, never the one for the other', () => {
    const nameOf = (id: string) => (id === '0123456789abcdef' ? '王建国' : id);
    const other = receiptLines(tz, receipt({ changesNew: 1, forks: [{ deviceId: '0123456789abcdef', seq: 7, self: false }] }), nameOf);
    expect(other[1]).toMatch(/^王建国 的电脑写出了两份不同的记录（从第 7 段起）/);
    expect(other[1]).not.toMatch(/本机|这台电脑/);
    const self = receiptLines(te, receipt({ changesNew: 1, forks: [{ deviceId: 'fedcba9876543210', seq: 3, self: true }] }), nameOf);
    expect(self[1]).toMatch(/^This computer's records also exist elsewhere .*from part 3 on/);
    expect(tz('sync.refusal.FORKED_CHAIN')).toMatch(/另一台设备/);
    expect(te('sync.refusal.FORKED_CHAIN')).toMatch(/Another device's data/);
  });

  it('names a single missing segment, shortens unknown devices, and keeps an unknown gap text', () => {
    expect(gapText(tz, 'device 0123456789abcdef, segment 17 missing')).toBe('缺少的分段：01234567… 的第 17 段');
    expect(gapText(tz, 'something else')).toBe('缺少的分段：something else');
  });

  it('says "nothing new" for a file that brought nothing, and the reason for a refused one', () => {
    expect(receiptLines(tz, receipt({ status: 'already-imported', changesKnown: 0 }))).toEqual(['没有新内容']);
    const refused = receipt({ status: 'refused', refusal: { reason: 'UNKNOWN_DEVICE', message: 'x', devices: [] } });
    expect(receiptLines(tz, refused)).toEqual(['未导入：文件来自本机还没有信任的设备']);
    expect(receiptLines(te, refused)).toEqual(['Not imported: The file comes from a device this one does not trust yet']);
  });

  it('translates every refusal and set-aside reason in both languages, and a new one generically', () => {
    for (const reason of REFUSAL_REASONS) {
      expect(refusalText(tz, reason)).not.toContain('sync.');
      expect(refusalText(te, reason)).not.toContain('sync.');
    }
    for (const reason of SET_ASIDE_REASONS) expect(zh.exists(`sync.setAside.${reason}`) && en.exists(`sync.setAside.${reason}`)).toBe(true);
    expect(refusalText(tz, 'FROM_MARS')).toBe('无法导入（FROM_MARS）');
  });
});

/**
 * The sources that write a receipt's refusal reason or a change's set-aside reason. Most refusal
 * reasons are a type (SyncFileReason) and the rest plain literals at the call, and shared/ carries
 * the reason as a string, so the sources themselves are the list to hold the renderer's against.
 */
const SYNC_SOURCES = {
  ...import.meta.glob<string>('../../db/sync/**/*.ts', { query: '?raw', import: 'default', eager: true }),
  ...import.meta.glob<string>('../../electron/services/sync/**/*.ts', { query: '?raw', import: 'default', eager: true }),
};

const quoted = (text: string) => [...text.matchAll(/'([A-Z][A-Z_]+)'/g)].map((m) => m[1]!);

/** Every refusal reason the import can write: the SyncFileReason union, and the codes passed to refused(…) and its kin. */
function refusalReasonsInSources(): Set<string> {
  const reasons = new Set<string>();
  for (const text of Object.values(SYNC_SOURCES)) {
    const union = /export type SyncFileReason =([^;]*);/.exec(text);
    if (union) quoted(union[1]!).forEach((r) => reasons.add(r));
    // refused(file, 'X', …), refusedReceipt(file, 'X', …), refused('X', …), notImported(path, 'X', …)
    for (const m of text.matchAll(/\b(?:refused\w*|notImported)\(\s*(?:\w+,\s*)?'([A-Z][A-Z_]+)'/g)) reasons.add(m[1]!);
  }
  return reasons;
}

describe('every reason the import can give has words', () => {
  it('finds the reasons where the import writes them (the scan itself is not blind)', () => {
    const reasons = refusalReasonsInSources();
    for (const known of ['TRUNCATED', 'UNKNOWN_DEVICE', 'CORRUPT_ENCRYPTION', 'UNREADABLE', 'BAD_ENROLMENT', 'MISSING', 'NOT_A_BUNDLE']) expect(reasons).toContain(known);
  });

  it('gives each refusal reason its own words in both languages, not the catch-all', () => {
    for (const reason of refusalReasonsInSources()) {
      expect(REFUSAL_REASONS, reason).toContain(reason);
      expect(zh.exists(`sync.refusal.${reason}`) && en.exists(`sync.refusal.${reason}`), reason).toBe(true);
      expect(refusalText(tz, reason), reason).not.toBe(tz('sync.refusal.OTHER', { reason }));
      expect(refusalText(te, reason), reason).not.toBe(te('sync.refusal.OTHER', { reason }));
    }
    expect(refusalText(tz, 'BAD_ENROLMENT')).toBe('文件里的设备担保被改动、伪造，或超出了担保人的管理范围');
    expect(refusalText(te, 'BAD_ENROLMENT')).toBe("A device's enrolment in the file was altered, forged, or goes beyond its voucher's scope");
  });

  it('sets aside for the reasons the contract names, each with words in both languages', () => {
    expect([...SET_ASIDE_REASONS].sort()).toEqual([...importReceipt.shape.setAside.keyType.options].sort());
    const [, dbList] = /SET_ASIDE_REASONS = \[([^\]]*)\]/.exec(SYNC_SOURCES['../../db/sync/importBundle.ts'] ?? '') ?? [];
    expect(quoted(dbList ?? '').sort()).toEqual([...SET_ASIDE_REASONS].sort());
    for (const reason of SET_ASIDE_REASONS) expect(zh.exists(`sync.setAside.${reason}`) && en.exists(`sync.setAside.${reason}`), reason).toBe(true);
  });
});

describe('enrolledLines', () => {
  const zhao = { issuer: 'aaaa1111bbbb2222', issuerName: '赵镇' };
  const qian = { issuer: 'cccc3333dddd4444', issuerName: '钱乡' };
  const vouched = receipt({
    changesNew: 5,
    enrolled: [
      { deviceId: '1111111111111111', name: '王建国', ...zhao },
      { deviceId: '2222222222222222', name: '刘芳', ...qian },
      { deviceId: '3333333333333333', name: '赵敏', ...zhao },
    ],
  });

  it('says who vouched for whom, one line per voucher, names as the file gives them', () => {
    expect(enrolledLines(tz, vouched)).toEqual(['经 赵镇 担保接受：王建国、赵敏', '经 钱乡 担保接受：刘芳']);
    expect(enrolledLines(te, vouched)).toEqual(['Accepted as vouched for by 赵镇: 王建国, 赵敏', 'Accepted as vouched for by 钱乡: 刘芳']);
  });

  it('groups by the voucher device, not its name, and shortens a nameless one', () => {
    const twoZhaos = receipt({
      enrolled: [
        { deviceId: '1111111111111111', name: '王建国', ...zhao },
        { deviceId: '2222222222222222', name: '', issuer: 'eeee5555ffff6666', issuerName: '赵镇' },
        { deviceId: '3333333333333333', name: '李四', issuer: 'eeee7777ffff8888', issuerName: '' },
      ],
    });
    expect(enrolledLines(tz, twoZhaos)).toEqual(['经 赵镇 担保接受：王建国', '经 赵镇 担保接受：22222222…', '经 eeee7777… 担保接受：李四']);
  });

  it('says nothing for a file that enrolled no one', () => {
    expect(enrolledLines(tz, receipt({ changesNew: 3 }))).toEqual([]);
    expect(enrolledLines(tz, receipt({ enrolled: [] }))).toEqual([]);
  });
});

describe('conflict labels', () => {
  const exists = (key: string) => zh.exists(key);

  it('maps tables to ledgers and columns to field labels', () => {
    expect(nounOfTable('household_members')).toBe('members');
    expect(nounOfTable('nope')).toBeNull();
    expect(camelOf('head_name')).toBe('headName');
    expect(tableLabel(tz, 'households')).toBe('农户台账');
    expect(tableLabel(tz, 'villages')).toBe('帮扶村');
    expect(fieldLabel(tz, exists, 'households', 'head_name')).toBe('户主姓名');
    expect(fieldLabel(tz, exists, 'villages', 'name')).toBe('村名');
    expect(fieldLabel(tz, exists, 'households', '_row')).toBe('记录状态');
    expect(fieldLabel(tz, exists, 'households', 'mystery_col')).toBe('mystery_col');
  });

  it('shows values as the ledger would', () => {
    expect(valueText(tz, 'zh-CN', 'projects', 'budget_fen', 123456)).toBe('1,234.56 元');
    expect(valueText(tz, 'zh-CN', 'visits', 'confirmed', 1)).toBe('是');
    expect(valueText(tz, 'zh-CN', 'households', '_row', 'deleted')).toBe('已删除');
    expect(valueText(tz, 'zh-CN', 'households', 'head_name', null)).toBe('（空）');
    expect(valueText(tz, 'zh-CN', 'households', 'head_name', '李四')).toBe('李四');
  });

  it('turns typed text into the column kind', () => {
    expect(typedValue('projects', 'budget_fen', '12.5')).toBe(1250);
    expect(typedValue('plans', 'year', '2025')).toBe(2025);
    expect(typedValue('households', 'head_name', '  张三 ')).toBe('张三');
    expect(typedValue('households', 'head_name', '  ')).toBeNull();
  });
});

describe('splitPaths', () => {
  it('keeps one path a line, trimmed and unquoted, blank lines dropped', () => {
    expect(splitPaths(' /a/b.cunji \r\n\n"C:\\x\\y.cunji"\n')).toEqual(['/a/b.cunji', 'C:\\x\\y.cunji']);
  });
});

describe('deleteVsEditOf', () => {
  const head = { origin: '0123456789abcdef', originName: '李明', at: '2026-11-27T08:00:00.000Z', shown: false };
  const deletion = { ...head, changeId: 'd', value: 'deleted', shown: true };
  const edit = { ...head, changeId: 'e', value: '赵后进', col: 'head_name' };
  const conflict = (col: string, heads: ConflictItem['heads']): ConflictItem => ({ tbl: 'households', rowId: 'r', villageId: 'v', col, heads });

  it('finds the delete and the edits it had not seen on a row state conflict', () => {
    expect(deleteVsEditOf(conflict('_row', [deletion, edit]))).toEqual({ deletions: [deletion], edits: [edit] });
  });

  it('is null for a cell conflict and for a row state conflict without edits or without a delete', () => {
    expect(deleteVsEditOf(conflict('head_name', [{ ...edit, col: undefined }, { ...edit, changeId: 'f', col: undefined }]))).toBeNull();
    expect(deleteVsEditOf(conflict('_row', [deletion, { ...head, changeId: 'a', value: 'alive' }]))).toBeNull();
    expect(deleteVsEditOf(conflict('_row', [{ ...head, changeId: 'a', value: 'alive' }, edit]))).toBeNull();
  });
});
