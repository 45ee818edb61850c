// CSV as WPS, Excel and the monitoring systems write it: UTF-8 with or without a BOM, or GB18030
// (what "CSV" means in a Chinese-locale Excel); comma, tab or semicolon between fields; quoted
// fields with doubled quotes and line breaks inside (RFC 4180).

export interface DecodedText {
  readonly text: string;
  readonly encoding: 'utf-8' | 'utf-8-bom' | 'gb18030';
}

/** Text, or null when the bytes are not text at all (NUL bytes: a binary file). */
export function decodeCsv(bytes: Uint8Array): DecodedText | null {
  const head = bytes.subarray(0, Math.min(bytes.length, 64 * 1024));
  if (head.includes(0)) return null;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(3));
    return { text, encoding: 'utf-8-bom' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // Not valid UTF-8: a Chinese-locale Excel or WPS wrote it in GB18030 (GBK's superset).
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}

/** The delimiter of the first line with any: the most frequent of comma, tab and semicolon outside quotes. */
function delimiterOf(text: string): string {
  const line = text.slice(0, 4096).split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  const counts = [',', '\t', ';'].map((d) => ({ d, n: line.replace(/"[^"]*"/g, '').split(d).length - 1 }));
  counts.sort((a, b) => b.n - a.n);
  return counts[0]!.n > 0 ? counts[0]!.d : ',';
}

/** Rows of fields; every field trimmed, a record's line breaks kept inside its quoted field. */
export function parseCsv(text: string): string[][] {
  const delimiter = delimiterOf(text);
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const endField = () => {
    row.push(field.trim());
    field = '';
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        field += ch;
      }
      i++;
      continue;
    }
    if (ch === '"' && field.trim() === '') {
      field = '';
      quoted = true;
    } else if (ch === delimiter) {
      endField();
    } else if (ch === '\n' || ch === '\r') {
      endField();
      rows.push(row);
      row = [];
      if (ch === '\r' && text[i + 1] === '\n') i++;
    } else {
      field += ch;
    }
    i++;
  }
  if (field !== '' || row.length > 0) {
    endField();
    rows.push(row);
  }
  return rows;
}
