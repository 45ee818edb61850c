// The words a report file carries besides its column headers, in Chinese first and English:
// title lines, units, totals rows, the privacy line. Headers live with each table's columns.
import type { Lang } from '../../../shared/domain/labels';

const ZH = {
  scope: (label: string, villages: number) => `统计范围：${label}（${villages} 个村）`,
  period: (from: string, to: string) => `统计期间：${from} 至 ${to}`,
  periodShort: (from: string, to: string) => `${from} 至 ${to}`,
  referenceDay: (day: string) => `截至：${day}`,
  madeBy: (unit: string, at: string) => `制表单位：${unit}\u3000导出时间：${at}`,
  unitWan: '金额单位：万元',
  unitYuan: '金额单位：元',
  masked: '身份证号、电话号码已隐去中间数字（导出时未选择完整显示）',
  full: '注意：本表按导出人的选择完整显示身份证号和电话号码，仅供内部工作使用，请妥善保管，不得公开',
  noticeMasked: '公示版：身份证号只显示前 6 位和后 4 位；不含电话、银行账户、健康和收入信息',
  noticeOmitted: '公示版：不显示身份证号；不含电话、银行账户、健康和收入信息',
  total: '合计',
  totalRows: (n: number) => `合计（${n} 条）`,
  totalHouseholds: (n: number) => `合计（${n} 户）`,
  subtotal: '小计',
  meanNote: '合计、小计行的在村天数、请假天数为村均',
  districtScope: (county: string | null, townships: number) => `${county ?? ''}${townships} 个乡镇（街道）`,
  category: (label: string) => `（${label}）`,
  separator: '\u3000',
  footerPage: '第 &P 页，共 &N 页',
};

type Words = typeof ZH;

const EN: Words = {
  scope: (label, villages) => `Scope: ${label} (${villages} village${villages === 1 ? '' : 's'})`,
  period: (from, to) => `Period: ${from} to ${to}`,
  periodShort: (from, to) => `${from} to ${to}`,
  referenceDay: (day) => `As of: ${day}`,
  madeBy: (unit, at) => `Made by: ${unit}   Exported: ${at}`,
  unitWan: 'Money in 10,000 yuan (万元)',
  unitYuan: 'Money in yuan (元)',
  masked: 'ID and phone numbers are shown with their middle digits hidden (full numbers were not chosen)',
  full: 'Note: ID and phone numbers are shown in full, as chosen by the person who exported this. For internal work only; keep it safe and never post it',
  noticeMasked: 'Public notice: ID numbers show only their first 6 and last 4 digits; no phone, bank, health or income details',
  noticeOmitted: 'Public notice: no ID numbers; no phone, bank, health or income details',
  total: 'Total',
  totalRows: (n) => `Total (${n} rows)`,
  totalHouseholds: (n) => `Total (${n} households)`,
  subtotal: 'Subtotal',
  meanNote: 'On total and subtotal rows, days in the village and leave days are means per village',
  districtScope: (county, townships) => `${county ? `${county}, ` : ''}${townships} township${townships === 1 ? '' : 's'}`,
  category: (label) => ` (${label})`,
  separator: '   ',
  footerPage: 'Page &P of &N',
};

export function wordsOf(lang: Lang): Words {
  return lang === 'zh-CN' ? ZH : EN;
}
