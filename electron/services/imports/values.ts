// A cell's text as the ledger's schema takes it: full-width digits and letters made ASCII in ID
// numbers, phones and dates; dates in the ways people type them (2024/3/5, 2024年3月5日, 20240305,
// an Excel day number); choices by their Chinese or English label or a common synonym; 是/否.
// What cannot be read is passed on unchanged, so the schema refuses it with its own words.
import type { LabelledEnum } from '../../../shared/domain/labels';

/** Full-width (and other compatibility) forms to ASCII, spaces removed: for codes and numbers. */
export function compactAscii(text: string): string {
  return text.normalize('NFKC').replace(/[\s\u3000]+/g, '');
}

export function phoneValue(text: string): string {
  const compact = compactAscii(text).replace(/[()（）]/g, '');
  // +86 138…: the country code is not part of a mainland number.
  const national = compact.replace(/^(\+?86)(?=1\d{10}$)/, '');
  // 138-1234-5678 is a mobile written in groups; a landline keeps its one hyphen after the area code.
  return /^1[\d-]{10,12}$/.test(national) ? national.replace(/-/g, '') : national;
}

export function idValue(text: string): string {
  return compactAscii(text).toUpperCase();
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Excel counts days from 1899-12-30 (its 1900 leap-year bug included). */
function fromExcelDay(day: number): string {
  return new Date(Date.UTC(1899, 11, 30) + day * 86_400_000).toISOString().slice(0, 10);
}

export function dateValue(text: string): string {
  const t = compactAscii(text);
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(t) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (m) return `${m[1]}-${pad(Number(m[2]))}-${pad(Number(m[3]))}`;
  m = /^(\d{5})(\.0+)?$/.exec(t);
  if (m && Number(m[1]) > 20_000 && Number(m[1]) < 80_000) return fromExcelDay(Number(m[1]));
  // 2024-03-05T00:00:00 or 2024-03-05 00:00:00 as some systems export dates.
  m = /^(\d{4}-\d{2}-\d{2})(T|\d{2}:)/.exec(t);
  return m ? m[1]! : t;
}

/** Words people write for the choices, beyond the labels themselves. */
const SYNONYMS: Record<string, string> = {
  本人: 'head', 户主本人: 'head', 妻: 'spouse', 妻子: 'spouse', 夫: 'spouse', 丈夫: 'spouse', 之妻: 'spouse', 之夫: 'spouse',
  子: 'child', 女: 'child', 儿子: 'child', 女儿: 'child', 长子: 'child', 次子: 'child', 长女: 'child', 次女: 'child', 之子: 'child', 之女: 'child', 养子: 'child', 养女: 'child',
  父亲: 'parent', 母亲: 'parent', 父: 'parent', 母: 'parent', 之父: 'parent', 之母: 'parent',
  孙子: 'grandchild', 孙女: 'grandchild', 外孙: 'grandchild', 外孙女: 'grandchild', 之孙: 'grandchild',
  兄: 'sibling', 弟: 'sibling', 姐: 'sibling', 妹: 'sibling', 兄弟: 'sibling', 姐妹: 'sibling', 哥哥: 'sibling', 弟弟: 'sibling', 姐姐: 'sibling', 妹妹: 'sibling',
  一般农户: 'ordinary', 普通户: 'ordinary', 脱贫户: 'lifted', 已脱贫户: 'lifted', 监测对象: 'monitored', 监测户: 'monitored', 低保: 'dibao', 特困: 'tekun', 特困供养: 'tekun',
  上门: 'home', 走访: 'home', 入户走访: 'home', 电话回访: 'phone', 电话走访: 'phone', 会议: 'meeting',
  未办理: 'open', 未办: 'open', 办理中: 'in_progress', 正在办理: 'in_progress', 已办: 'done', 办结: 'done', 已办结: 'done', 已完成: 'done', 完成: 'done',
  比较满意: 'fair',
};

/** A choice's stored value from a label (zh or en), the value itself or a synonym; else the text as given. */
export function choiceValue(text: string, labels: LabelledEnum<string>): string {
  const t = text.normalize('NFKC').replace(/[\s\u3000]+/g, '');
  const lower = t.toLowerCase();
  for (const [value, label] of Object.entries(labels)) {
    if (value === lower || label.zh.normalize('NFKC') === t || label.en.toLowerCase() === lower) return value;
  }
  const synonym = SYNONYMS[t];
  if (synonym && synonym in labels) return synonym;
  // 一般户（非建档立卡）: a label with a remark after it.
  const prefix = Object.entries(labels).find(([, label]) => t.startsWith(label.zh.normalize('NFKC')));
  return prefix ? prefix[0] : text;
}

const YES = new Set(['是', '√', '✓', '✔', 'y', 'yes', 'true', '1', '已确认', '确认', '有']);
const NO = new Set(['否', '×', '✗', 'n', 'no', 'false', '0', '未确认', '无']);

/** 是 / 否 and their usual marks; anything else is passed on for the schema to refuse. */
export function booleanValue(text: string): boolean | string {
  const t = compactAscii(text).toLowerCase();
  if (t === '' || NO.has(t)) return false;
  return YES.has(t) ? true : text;
}
