// Money is integer fen (分) everywhere it is stored or summed; it becomes 元 or 万元 only when a
// person reads it. Parsing never goes through floating point, so 0.1 + 0.2 stays 30 fen.

export const MAX_FEN = Number.MAX_SAFE_INTEGER;

/** "1,234.5" → 123450. Returns null for anything that is not an amount with at most 2 decimals. */
export function parseYuanToFen(text: string): number | null {
  const clean = text.trim().replace(/[,，\s]/g, '').replace(/^[¥￥]/, '');
  const match = /^(-)?(\d+)(?:\.(\d{1,2}))?$/.exec(clean);
  if (!match) return null;
  const fen = Number(match[2]) * 100 + Number((match[3] ?? '').padEnd(2, '0'));
  if (!Number.isSafeInteger(fen)) return null;
  return match[1] ? -fen : fen;
}

/** 123450 → "1,234.50" (元, grouped as Chinese accounting forms group them). */
export function formatFenAsYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${yuan}.${String(abs % 100).padStart(2, '0')}`;
}

/** 123456789 → "123.46" (万元, two decimals), for dashboards and reports. */
export function formatFenAsWanYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  // Round half up on integers: (fen + 50) / 100 in units of 0.01 万元 = 100 fen * 10,000 / 100.
  const hundredths = Math.floor((Math.abs(fen) + 5000) / 10000);
  return `${sign}${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;
}
