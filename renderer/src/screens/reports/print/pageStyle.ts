// The printed page: A4 landscape with its margins, and in the bottom margin the report's title
// and period (left) and the page number of the whole (right), drawn by Chromium's @page margin
// boxes — the same in the desktop shell's PDF, Print, and a browser's own print dialog.
/** Text as a CSS string: quotes and backslashes escaped, line breaks flattened. */
export function cssString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/[\r\n]+/g, ' ')}"`;
}

/** Millimetres of the page and its margins; the sheet on screen is the printed content's width. */
export const PAGE = { width: 297, height: 210, top: 12, side: 10, bottom: 14 } as const;
export const CONTENT_WIDTH_MM = PAGE.width - 2 * PAGE.side;

const MARGIN_BOX = "font-size: 8pt; color: #595959; font-family: 'Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', sans-serif;";

export function pageCss(footer: string): string {
  return [
    `@page {`,
    `  size: A4 landscape;`,
    `  margin: ${PAGE.top}mm ${PAGE.side}mm ${PAGE.bottom}mm ${PAGE.side}mm;`,
    `  @bottom-left { content: ${cssString(footer)}; ${MARGIN_BOX} }`,
    `  @bottom-right { content: counter(page) " / " counter(pages); ${MARGIN_BOX} }`,
    `}`,
  ].join('\n');
}
