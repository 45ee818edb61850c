// The line over an import's receipts counts files imported before apart, in both languages, and a
// folder walked only in part is said in plain words with its folder and bound.
import { describe, expect, it } from 'vitest';
import type { ImportReceiptView } from '../../shared/domain/sync';
import { FOLDER_LIMITS } from '../../shared/domain/sync';
import { createI18n } from '../../renderer/src/i18n/i18n';
import { folderLimitText, importSummary, type Translate } from '../../renderer/src/screens/sync/syncText';

const zh = createI18n('zh-CN');
const en = createI18n('en');
const tz = zh.t.bind(zh) as unknown as Translate;
const te = en.t.bind(en) as unknown as Translate;

function receiptsWith(...statuses: ImportReceiptView['status'][]): ImportReceiptView[] {
  return statuses.map((status, i) => ({
    file: `${i}.cunji`, fileHash: null, producer: null, status,
    segmentsNew: 0, segmentsKnown: 0, changesNew: 0, changesKnown: 0, conflictsCreated: 0, setAside: {}, gaps: [], refusal: null,
  }));
}

describe('importSummary', () => {
  it('counts files imported before apart from those imported and those refused', () => {
    const receipts = receiptsWith('imported', 'already-imported', 'imported', 'refused', 'already-imported', 'imported');
    expect(importSummary(tz, receipts)).toBe('读了 6 个文件：导入 3 个，以前已导入 2 个，未导入 1 个');
    expect(importSummary(te, receipts)).toBe('Read 6 files: 3 imported, 2 imported before, 1 not imported');
  });

  it('says so when every file was imported before (a folder imported twice)', () => {
    expect(importSummary(tz, receiptsWith('already-imported', 'already-imported'))).toBe('读了 2 个文件：导入 0 个，以前已导入 2 个，未导入 0 个');
  });

  it('keeps the short line when no file was imported before', () => {
    expect(importSummary(tz, receiptsWith('refused', 'refused'))).toBe('读了 2 个文件：导入 0 个，未导入 2 个');
    expect(importSummary(te, receiptsWith('imported', 'refused'))).toBe('Read 2 files: 1 imported, 1 not imported');
  });
});

describe('folderLimitText', () => {
  it('names the folder and the bound, digits grouped, in both languages', () => {
    expect(folderLimitText(tz, { folder: '/home/li', limit: 'ENTRIES', max: 100_000 })).toBe(
      '/home/li 里东西太多：看了 100,000 项就停了，其余没有查看。请选放同步文件的那个文件夹，不要选整个磁盘或个人文件夹。',
    );
    expect(folderLimitText(te, { folder: 'D:\\同步', limit: 'FILES', max: 10_000 })).toBe(
      'More than 10,000 sync files in D:\\同步: only 10,000 were read, the rest were not imported. Import its sub-folders a few at a time.',
    );
  });

  it('has words for every bound in both languages', () => {
    for (const limit of FOLDER_LIMITS) {
      for (const t of [tz, te]) {
        const text = folderLimitText(t, { folder: '/media/u盘', limit, max: 4 });
        expect(text).toContain('/media/u盘');
        expect(text).toContain('4');
        expect(text).not.toContain('sync.');
      }
    }
  });
});
