import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../shared/api/result';
import { ROLE_LABELS, UNIT_LEVEL_LABELS } from '../../shared/domain/device';
import { V } from '../../shared/domain/validation';
import { en } from '../../renderer/src/i18n/en';
import { zhCN } from '../../renderer/src/i18n/zhCN';

function flatten(tree: object, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') out.set(prefix + key, value);
    else for (const [k, v] of flatten(value as object, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}

const zh = flatten(zhCN);
const english = flatten(en);

describe('locale files', () => {
  it('zh-CN and en have exactly the same keys', () => {
    expect([...english.keys()].sort()).toEqual([...zh.keys()].sort());
  });

  it('translate every validation key the schemas and the main process send', () => {
    for (const key of Object.values(V)) {
      expect(zh.get(key), key).toBeTruthy();
      expect(english.get(key), key).toBeTruthy();
    }
    expect(zh.get('validation.required')).toBe('请填写此项');
    expect(zh.get('validation.divisionCode')).toBe('区划代码应为12位数字');
  });

  it('give every error code a plain-language message', () => {
    for (const code of ERROR_CODES) {
      expect(zh.get(`errors.${code}`), code).toBeTruthy();
      expect(english.get(`errors.${code}`), code).toBeTruthy();
    }
  });

  it('use the same {{placeholders}} in both languages', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const [key, text] of zh) expect(placeholders(english.get(key)!), key).toEqual(placeholders(text));
  });

  it('keep no Chinese in the English messages, except the names of languages and enum labels', () => {
    const han = /\p{Script=Han}/u;
    const allowed = new Set(['language.zh-CN']);
    for (const [key, text] of english) if (!allowed.has(key)) expect(han.test(text), `${key}: ${text}`).toBe(false);
    // Enum labels come from shared/ with both languages; a sanity check that they exist.
    expect(Object.values(ROLE_LABELS).every((l) => l.zh && l.en)).toBe(true);
    expect(Object.values(UNIT_LEVEL_LABELS).every((l) => l.zh && l.en)).toBe(true);
  });
});
