// What the import screens do with files in the page: a chosen file as base64 (the contract's
// `source.data`), and the refused rows as a CSV the person downloads (UTF-8 with a BOM, so Excel
// and WPS open it in Chinese).
import type { ImportRefusal } from '../../../../shared/domain/imports';

/** The host takes requests of up to 1 MiB: base64 grows a file by a third, plus the JSON around it. */
export const BROWSER_HOST_MAX_BYTES = 700 * 1024;

export function fileToBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read'));
    reader.readAsDataURL(file);
  });
}

const csvField = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

/** Row, column and reason of each refusal; `reason` turns a refusal into words. */
export function refusalsCsv(refusals: readonly ImportRefusal[], headers: [string, string, string], reason: (r: ImportRefusal) => string): string {
  const lines = [headers, ...refusals.map((r) => [String(r.row), r.column ?? '', reason(r)])];
  return `\uFEFF${lines.map((line) => line.map(csvField).join(',')).join('\r\n')}\r\n`;
}

export function downloadText(text: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
