// A history entry in words: fields by their ledger labels, values as the ledger shows them, a
// settled conflict, who and which device; and a revoked device's refused parts on a receipt.
import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../shared/domain/history';
import { createI18n } from '../../renderer/src/i18n/i18n';
import { changeText, shownEntries, whoText, type Translate } from '../../renderer/src/ledgers/history/historyText';
import { receiptLines } from '../../renderer/src/screens/sync/syncText';

const zh = createI18n('zh-CN');
const en = createI18n('en');
const tz = zh.t.bind(zh) as unknown as Translate;
const te = en.t.bind(en) as unknown as Translate;

function entry(patch: Partial<HistoryEntry>): HistoryEntry {
  return {
    changeId: '0190000000000000abcdef0123456789', at: '2026-11-27T08:00:00.000Z', field: 'address', kind: 'edited', before: [], after: null,
    origin: 'abcdef0123456789', who: '赵敏', role: 'coordinator', self: false, resolved: false, conflict: false, ...patch,
  };
}

describe('history in words', () => {
  it('labels the field as its ledger does and shows each value as the ledger shows it', () => {
    expect(changeText(tz, 'households', entry({ before: ['东头'], after: '村东头' }), 'zh-CN')).toBe('住址：东头 → 村东头');
    expect(changeText(tz, 'households', entry({ field: 'category', before: ['ordinary'], after: 'lifted' }), 'zh-CN')).toMatch(/^农户类别：一般户 → \S+$/);
    expect(changeText(tz, 'projects', entry({ field: 'budgetFen', before: [100000], after: 250050 }), 'zh-CN')).toBe('预算：1,000.00 → 2,500.50');
    expect(changeText(tz, 'members', entry({ field: 'idNumber', before: [], after: '11010519491231002X' }), 'zh-CN')).toBe('身份证号：1101**********002X');
    expect(changeText(te, 'households', entry({ before: ['东头'], after: null }), 'en')).toBe('Address: 东头 → (empty)');
  });

  it('a settled conflict names the values chosen among; the record made, deleted or restored reads as such', () => {
    expect(changeText(tz, 'households', entry({ before: ['东头三号', '村东头'], after: '东头三号', resolved: true }), 'zh-CN')).toBe('住址：在 东头三号 或 村东头 之间选定 东头三号');
    expect(changeText(tz, 'households', entry({ field: null, kind: 'deleted' }), 'zh-CN')).toBe('删除了记录');
    expect(changeText(te, 'households', entry({ field: null, kind: 'restored' }), 'en')).toBe('Restored the record');
  });

  it('says who, with the role, and which device; this computer by name', () => {
    expect(whoText(tz, entry({}), 'zh-CN')).toEqual({ person: '赵敏（镇街协调员）', device: '设备 abcdef01' });
    expect(whoText(tz, entry({ self: true, who: '王建国', role: 'secretary' }), 'zh-CN')).toEqual({ person: '王建国（驻村第一书记）', device: '本机' });
    expect(whoText(te, entry({ who: null, role: null }), 'en')).toEqual({ person: 'a device not trusted here', device: 'device abcdef01' });
  });

  it('leaves out the fields a record was made without', () => {
    const made = [entry({ kind: 'created', after: '东头' }), entry({ kind: 'created', field: 'notes', after: null }), entry({ after: null, before: ['东头'] })];
    expect(shownEntries(made)).toEqual([made[0], made[2]]);
  });

  it('a receipt says whose enrolment a voucher renewed', () => {
    const lines = receiptLines(tz, {
      file: 'a.cunji', fileHash: 'ff', producer: 'p', status: 'imported', segmentsNew: 1, segmentsKnown: 0, changesNew: 0, changesKnown: 0, conflictsCreated: 0,
      setAside: {}, gaps: [], refusal: null, renewed: [{ deviceId: '0123456789abcdef', name: '王建国', issuer: 'fedcba9876543210', issuerName: '赵敏' }],
    });
    expect(lines).toContain('赵敏 更新了对 王建国 的担保：按新的村和乡镇接受它的记录');
  });

  it("a receipt names a revoked device's refused parts", () => {
    const lines = receiptLines(tz, {
      file: 'a.cunji', fileHash: 'ff', producer: 'p', status: 'imported', segmentsNew: 1, segmentsKnown: 0, changesNew: 3, changesKnown: 0, conflictsCreated: 0,
      setAside: {}, gaps: [], refusal: null,
      revoked: [{ deviceId: '0123456789abcdef', issuer: 'fedcba9876543210', revokedAt: '2026-11-27T09:00:00.000Z', segments: 2, message: '' }],
    }, (id) => (id === '0123456789abcdef' ? '王建国' : '赵敏'));
    expect(lines).toContain('王建国 的设备已于 2026-11-27 09:00 被 赵敏 吊销：拒收了它此后签名的 2 段数据');
    // A file the revoked device made after that: refused whole, and the line says whose and since when.
    const whole = receiptLines(tz, {
      file: 'a.cunji', fileHash: 'ff', producer: 'p', status: 'refused', segmentsNew: 0, segmentsKnown: 0, changesNew: 0, changesKnown: 0, conflictsCreated: 0,
      setAside: {}, gaps: [], refusal: { reason: 'REVOKED_DEVICE', message: '', devices: [] },
      revoked: [{ deviceId: '0123456789abcdef', issuer: 'fedcba9876543210', revokedAt: '2026-11-27T09:00:00.000Z', segments: 1, message: '' }],
    }, (id) => (id === '0123456789abcdef' ? '王建国' : '赵敏'));
    expect(whole).toEqual([expect.stringContaining('这台设备已被吊销'), '王建国 的设备已于 2026-11-27 09:00 被 赵敏 吊销：拒收了它此后签名的 1 段数据']);
  });
});
