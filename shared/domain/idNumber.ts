// Resident ID numbers (GB 11643-1999): 17 digits and a check character. Validated on entry,
// shown masked everywhere but the edit form, left out of exports unless asked for.

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** The check character for the first 17 digits. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

export type IdNumberProblem = 'format' | 'birthDate' | 'checkDigit';

/** Why an ID number is wrong, or null when it is right. Accepts a lowercase x. */
export function idNumberProblem(raw: string): IdNumberProblem | null {
  const id = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return 'format';
  const [y, m, d] = [Number(id.slice(6, 10)), Number(id.slice(10, 12)), Number(id.slice(12, 14))];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return 'birthDate';
  return idCheckChar(id) === id[17] ? null : 'checkDigit';
}

export function normalizeIdNumber(raw: string): string {
  return raw.trim().toUpperCase();
}

/** 370402199001011234 → 3704**********1234: region prefix and last four only. */
export function maskIdNumber(id: string | null | undefined): string {
  if (!id) return '';
  if (id.length < 8) return '*'.repeat(id.length);
  return `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}`;
}

/** 13812345678 → 138****5678. */
export function maskPhone(phone: string | null | undefined): string {
  if (!phone) return '';
  const digits = phone.trim();
  if (digits.length < 7) return '*'.repeat(digits.length);
  return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`;
}
