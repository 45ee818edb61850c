// The receipt list as React and antd render it: a file that brought devices in on a voucher's word
// says so under its receipt, one line per voucher, in the person's language; a saved target's run
// says how many files refused before it did not download again.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it, vi } from 'vitest';
import type { ImportReceiptView } from '../../shared/domain/sync';
import type { Lang } from '../../shared/domain/labels';
import { createI18n } from '../../renderer/src/i18n/i18n';
import type { SyncOutcome } from '../../renderer/src/screens/sync/ReceiptList';

// The trust card under a receipt reaches the api, whose module reads window.cunji when loaded; no
// call is made while rendering, so an empty window (the browser host's case) is all it needs.
vi.stubGlobal('window', {});
const { ReceiptList } = await import('../../renderer/src/screens/sync/ReceiptList');

const vouched: ImportReceiptView = {
  file: 'zhao.cunji', fileHash: 'ff', producer: 'aaaa1111bbbb2222', status: 'imported',
  segmentsNew: 1, segmentsKnown: 0, changesNew: 4, changesKnown: 0, conflictsCreated: 0, setAside: {}, gaps: [], refusal: null,
  enrolled: [
    { deviceId: '1111111111111111', name: '王建国', issuer: 'aaaa1111bbbb2222', issuerName: '赵镇' },
    { deviceId: '3333333333333333', name: '赵敏', issuer: 'aaaa1111bbbb2222', issuerName: '赵镇' },
  ],
};

function rendered(lang: Lang, receipts: ImportReceiptView[], more: Partial<SyncOutcome> = {}): string {
  const outcome: SyncOutcome = { exported: null, receipts, known: null, unreadable: [], ...more };
  const list = createElement(ReceiptList, { outcome, names: new Map<string, string>(), dismissed: new Set<string>(), onTrusted: () => {}, onDismiss: () => {} });
  return renderToStaticMarkup(createElement(I18nextProvider, { i18n: createI18n(lang) }, list));
}

/** The text of each element carrying the test id. */
const enrolledShown = (html: string) => [...html.matchAll(/data-testid="receipt-enrolled"[^>]*>([^<]*)</g)].map((m) => m[1]);

describe('ReceiptList', () => {
  it('shows who vouched for the devices a file brought, in both languages', () => {
    expect(enrolledShown(rendered('zh-CN', [vouched]))).toEqual(['经 赵镇 担保接受：王建国、赵敏']);
    expect(enrolledShown(rendered('en', [vouched]))).toEqual(['Accepted as vouched for by 赵镇: 王建国, 赵敏']);
  });

  it('shows no such line for a file that enrolled no one', () => {
    const html = rendered('zh-CN', [{ ...vouched, enrolled: undefined }]);
    expect(html).toContain('新增 4 条');
    expect(enrolledShown(html)).toEqual([]);
  });

  it('says how many files refused before were not downloaded again, and when they will be', () => {
    const skipped = (html: string) => [...html.matchAll(/data-testid="sync-skipped-refused"[^>]*>([^<]*)</g)].map((m) => m[1]);
    expect(skipped(rendered('zh-CN', [], { skippedRefused: 2 }))).toEqual(['2 个以前拒收的文件这次没有再下载（省流量）；信任了新的设备、换了口令或升级了村记之后会再取一次']);
    expect(skipped(rendered('en', [], { skippedRefused: 2 }))[0]).toMatch(/^Not downloaded again, as refused before: 2 files/);
    expect(skipped(rendered('en', [], { skippedRefused: 0 }))).toEqual([]);
  });
});
