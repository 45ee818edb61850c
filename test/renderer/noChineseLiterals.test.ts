import { describe, expect, it } from 'vitest';

/** Every renderer module's text, read through Vite (this folder is type-checked as browser code). */
const SOURCES = import.meta.glob<string>('../../renderer/src/**/*.{ts,tsx}', { query: '?raw', import: 'default', eager: true });
/** The only places a person's words may be written down: the locale files and their feature parts. */
const isLocaleFile = (file: string) => /^\.\.\/\.\.\/renderer\/src\/i18n\/(zhCN|en|features\/[a-zA-Z]+\.(zhCN|en))\.ts$/.test(file);

/** Comments may name things in Chinese (帮扶村); code may not. */
function withoutComments(code: string): string {
  return code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

describe('renderer text', () => {
  it('keeps every Chinese word in the locale files, none in components', () => {
    expect(Object.keys(SOURCES).length).toBeGreaterThan(10);
    const offenders = Object.entries(SOURCES)
      .filter(([file]) => !isLocaleFile(file))
      .flatMap(([file, text]) =>
        withoutComments(text)
          .split('\n')
          .flatMap((line, i) => (/\p{Script=Han}/u.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : [])),
      );
    expect(offenders).toEqual([]);
  });
});
