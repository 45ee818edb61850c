// The notice shown while the data is upgraded at start: both languages, Chinese first, the text
// escaped, no script, and a window that runs none.
import { describe, expect, it } from 'vitest';
import { upgradeNoticeHtml, upgradeNoticeOptions, upgradeNoticeUrl } from '../../../electron/main/upgradeNotice';
import { DIALOG_TEXT } from '../../../shared/i18n/dialogs';

describe('the upgrade notice', () => {
  it('says it in Chinese then English, runs no script, and loads nothing but itself', () => {
    const html = upgradeNoticeHtml();
    const zh = html.indexOf(DIALOG_TEXT['zh-CN'].upgradingText);
    const en = html.indexOf(DIALOG_TEXT.en.upgradingText);
    expect(zh).toBeGreaterThan(0);
    expect(en).toBeGreaterThan(zh);
    expect(html).not.toMatch(/<script|src=|href=/i);
    expect(upgradeNoticeOptions().webPreferences).toMatchObject({ javascript: false, sandbox: true, nodeIntegration: false });
    expect(decodeURIComponent(upgradeNoticeUrl().replace(/^data:text\/html;charset=utf-8,/, ''))).toBe(html);
  });
});
