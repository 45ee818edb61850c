import { describe, expect, it } from 'vitest';
import { createI18n } from '../../renderer/src/i18n/i18n';
import { translateMessage } from '../../renderer/src/i18n/translateMessage';

describe('translateMessage', () => {
  it('translates a known validation key in the current language', () => {
    const zh = createI18n('zh-CN');
    expect(translateMessage(zh, 'validation.duplicateVillage')).toBe('本乡镇已有同名村');
    const en = createI18n('en');
    expect(translateMessage(en, 'validation.required')).toBe('Required');
  });

  it('gives a generic message for a key this version does not know, and wraps plain zod English', () => {
    const zh = createI18n('zh-CN');
    expect(translateMessage(zh, 'validation.fromTheFuture')).toBe('填写的内容不对');
    expect(translateMessage(zh, 'Too small: expected string to have >=1 characters')).toBe('填写有误（Too small: expected string to have >=1 characters）');
  });
});
