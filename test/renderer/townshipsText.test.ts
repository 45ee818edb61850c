// A district's townships in the header and on the overview: named in full when few, shortened
// with a count when many, in both languages.
import { describe, expect, it } from 'vitest';
import { createI18n } from '../../renderer/src/i18n/i18n';
import { townshipsText } from '../../renderer/src/shell/townshipsText';

const zh = createI18n('zh-CN');
const en = createI18n('en');

describe('townshipsText', () => {
  it('names up to three townships in full, in order', () => {
    expect(townshipsText(zh.t, ['青石镇'])).toBe('青石镇');
    expect(townshipsText(zh.t, ['青石镇', '白河镇', '东山镇'])).toBe('青石镇、白河镇、东山镇');
  });

  it('names the first two and counts them all when there are more', () => {
    const four = ['青石镇', '白河镇', '东山镇', '西岭乡'];
    expect(townshipsText(zh.t, four)).toBe('青石镇、白河镇等 4 个乡镇');
    expect(townshipsText(en.t, four)).toBe('青石镇、白河镇 and others (4 townships)');
  });
});
