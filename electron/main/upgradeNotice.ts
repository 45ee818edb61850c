// The small window shown while a long upgrade of the data runs at start (the migrations and the
// vacuum after them can take a minute on a coordinator's big database): without it nothing would
// appear between a double-click and the main window. Both languages, as the person's choice is in
// the data being upgraded. Static HTML, no script. Pure: unit-tested under Node.
import type { BrowserWindowConstructorOptions } from 'electron';
import { DIALOG_TEXT } from '../../shared/i18n/dialogs';

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function upgradeNoticeHtml(): string {
  const zh = DIALOG_TEXT['zh-CN'];
  const en = DIALOG_TEXT.en;
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escape(zh.upgradingTitle)}</title>
<style>body{margin:0;padding:24px 28px;font:15px/1.6 system-ui,"Noto Sans CJK SC","Microsoft YaHei",sans-serif;background:#f5f7fa;color:#1f2329}p{margin:0 0 10px}p[lang=en]{color:#646a73;font-size:13px}</style>
</head><body><p>${escape(zh.upgradingText)}</p><p lang="en">${escape(en.upgradingText)}</p></body></html>`;
}

export function upgradeNoticeOptions(): BrowserWindowConstructorOptions {
  return {
    width: 460,
    height: 170,
    resizable: false,
    minimizable: false,
    maximizable: false,
    title: DIALOG_TEXT['zh-CN'].upgradingTitle,
    backgroundColor: '#f5f7fa',
    webPreferences: { javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false },
  };
}

/** The address the window loads: the page itself, nothing fetched. */
export const upgradeNoticeUrl = () => `data:text/html;charset=utf-8,${encodeURIComponent(upgradeNoticeHtml())}`;
