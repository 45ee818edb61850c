// The archive's index: index.csv (UTF-8 with a byte-order mark, so Excel and WPS read the Chinese)
// and index.html, a page that opens offline from the folder — each file's thumbnail (copied
// beside the index) linking to the file itself, grouped by ledger, with the record, date,
// caption, file name and SHA-256. Every text is escaped; the page loads nothing from anywhere.
import type { Lang } from '../../../shared/domain/labels';

export interface IndexEntry {
  ledger: string;
  record: string;
  date: string;
  caption: string;
  /** Relative to the archive's folder, `/`-separated: `入户走访/2026-11-02_王建国_入户合影.jpg`; null when not here. */
  path: string | null;
  /** The thumbnail relative to the archive's folder, or null (a PDF, or a thumbnail not here). */
  thumb: string | null;
  sha256: string;
  sizeBytes: number;
  originalName: string;
}

/** The ideographic space Chinese title lines are spaced with. */
const SPACE = '\u3000';

const WORDS = {
  'zh-CN': {
    headers: ['台账', '记录', '日期', '说明', '文件名', 'SHA-256', '大小（字节）', '原文件名', '状态'],
    missing: '未在本机（尚未同步到这台电脑，未导出）',
    copied: '已导出，哈希已核对',
    title: (village: string) => `${village}照片档案`,
    made: (at: string, files: number, missing: number) => `导出时间：${at}${SPACE}文件 ${files} 个${missing > 0 ? `${SPACE}未在本机 ${missing} 个` : ''}${SPACE}（一人一事一档；每个文件的 SHA-256 已在导出后核对）`,
  },
  en: {
    headers: ['Ledger', 'Record', 'Date', 'Caption', 'File name', 'SHA-256', 'Size (bytes)', 'Original name', 'Status'],
    missing: 'not on this device yet (not synced here; not exported)',
    copied: 'exported, hash checked',
    title: (village: string) => `${village} — photo archive`,
    made: (at: string, files: number, missing: number) => `Exported ${at}   ${files} files${missing > 0 ? `   ${missing} not on this device` : ''}   (each file's SHA-256 checked after the copy)`,
  },
};

function csvField(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function indexCsv(entries: readonly IndexEntry[], lang: Lang): string {
  const w = WORDS[lang];
  const lines = [w.headers, ...entries.map((e) => [e.ledger, e.record, e.date, e.caption, e.path ?? '', e.sha256, e.sizeBytes, e.originalName, e.path ? w.copied : w.missing])];
  return `\uFEFF${lines.map((line) => line.map(csvField).join(',')).join('\r\n')}\r\n`;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
/** A relative path as a link: each segment encoded, so a name with # or % still opens. */
const href = (path: string) => path.split('/').map(encodeURIComponent).join('/');

export function indexHtml(village: string, exportedAt: string, entries: readonly IndexEntry[], lang: Lang): string {
  const w = WORDS[lang];
  const copied = entries.filter((e) => e.path).length;
  const groups = new Map<string, IndexEntry[]>();
  for (const entry of entries) groups.set(entry.ledger, [...(groups.get(entry.ledger) ?? []), entry]);
  const row = (e: IndexEntry) => {
    const picture = e.path
      ? `<a href="${href(e.path)}">${e.thumb ? `<img src="${href(e.thumb)}" alt="" loading="lazy">` : '<span class="doc">PDF</span>'}</a>`
      : `<span class="missing">${escapeHtml(w.missing)}</span>`;
    const name = e.path ? `<a href="${href(e.path)}">${escapeHtml(e.path.split('/').pop()!)}</a>` : escapeHtml(e.originalName);
    return `<tr><td class="pic">${picture}</td><td>${escapeHtml(e.record)}</td><td class="nowrap">${escapeHtml(e.date)}</td><td>${escapeHtml(e.caption)}</td><td>${name}</td><td class="hash">${e.sha256}</td></tr>`;
  };
  const [, record, date, caption, file, hash] = w.headers;
  const sections = [...groups]
    .map(([ledger, list]) => `<h2>${escapeHtml(ledger)}（${list.length}）</h2>\n<table><thead><tr><th></th><th>${record}</th><th>${date}</th><th>${caption}</th><th>${file}</th><th>${hash}</th></tr></thead><tbody>\n${list.map(row).join('\n')}\n</tbody></table>`)
    .join('\n');
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src 'self'; style-src 'unsafe-inline'">
<title>${escapeHtml(w.title(village))}</title>
<style>
body { font-family: 'Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', sans-serif; margin: 24px; color: #1f1f1f; }
h1 { font-size: 20px; } h2 { font-size: 16px; margin-top: 28px; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { border: 1px solid #d9d9d9; padding: 4px 6px; text-align: left; vertical-align: middle; }
th { background: #f0f3f7; }
td.pic { width: 110px; text-align: center; } td.pic img { max-width: 100px; max-height: 80px; display: block; margin: auto; }
.doc { display: inline-block; padding: 18px 20px; background: #fff1f0; color: #cf1322; font-weight: 600; }
.missing { color: #8c8c8c; font-size: 12px; } .nowrap { white-space: nowrap; }
.hash { font-family: monospace; font-size: 11px; word-break: break-all; color: #595959; }
</style>
</head>
<body>
<h1>${escapeHtml(w.title(village))}</h1>
<p>${escapeHtml(w.made(exportedAt, copied, entries.length - copied))}</p>
${sections}
</body>
</html>
`;
}
