// Validation messages are i18n keys, not sentences: the renderer translates them (zh-CN first)
// and shows them next to the field; the main process returns the same keys when it refuses.
import { z } from 'zod';

export const V = {
  required: 'validation.required',
  tooLong: 'validation.tooLong',
  divisionCode: 'validation.divisionCode',
  oneVillage: 'validation.oneVillage',
  invalid: 'validation.invalid',
  uuid: 'validation.uuid',
  duplicateVillage: 'validation.duplicateVillage',
  unknownField: 'validation.unknownField',
  date: 'validation.date',
  money: 'validation.money',
  notNegative: 'validation.notNegative',
  tooLarge: 'validation.tooLarge',
  wholeNumber: 'validation.wholeNumber',
  year: 'validation.year',
  idNumber: 'validation.idNumber',
  idBirthDate: 'validation.idBirthDate',
  idCheckDigit: 'validation.idCheckDigit',
  phone: 'validation.phone',
  dateOrder: 'validation.dateOrder',
  thresholdOrder: 'validation.thresholdOrder',
  periodTooLong: 'validation.periodTooLong',
  townshipOutOfScope: 'validation.townshipOutOfScope',
  villageOutOfScope: 'validation.villageOutOfScope',
  townshipNotKept: 'validation.townshipNotKept',
  villageMove: 'validation.villageMove',
  reference: 'validation.reference',
  overspend: 'validation.overspend',
  duplicateIdNumber: 'validation.duplicateIdNumber',
  similarHousehold: 'validation.similarHousehold',
  diaryDayTaken: 'validation.diaryDayTaken',
  approverLevel: 'validation.approverLevel',
  postingTooShort: 'validation.postingTooShort',
  outOfTerm: 'validation.outOfTerm',
  futureDate: 'validation.futureDate',
  sameDayVisit: 'validation.sameDayVisit',
  clockTooShort: 'validation.clockTooShort',
  clockTooLong: 'validation.clockTooLong',
  closedInFuture: 'validation.closedInFuture',
  fundInFuture: 'validation.fundInFuture',
  overBudget: 'validation.overBudget',
  absolutePath: 'validation.absolutePath',
  folderMissing: 'validation.folderMissing',
  deviceId: 'validation.deviceId',
  publicKey: 'validation.publicKey',
  keyMismatch: 'validation.keyMismatch',
  webdavUrl: 'validation.webdavUrl',
  urlCredentials: 'validation.urlCredentials',
  passphraseShort: 'validation.passphraseShort',
  oneTownship: 'validation.oneTownship',
  duplicateTownship: 'validation.duplicateTownship',
  townshipsDistrictOnly: 'validation.townshipsDistrictOnly',
  townshipNotListed: 'validation.townshipNotListed',
  dutyNotInSet: 'validation.dutyNotInSet',
  doneWithoutTarget: 'validation.doneWithoutTarget',
  targetZero: 'validation.targetZero',
} as const;

export type ValidationKey = (typeof V)[keyof typeof V];

/** For a choice (enum): nothing chosen is "required", a value not on the list is "invalid". */
export function choiceError(issue: { input?: unknown }): string {
  return issue.input === undefined || issue.input === null ? V.required : V.invalid;
}

/** Text a person must type: trimmed, not empty, at most `max` characters. */
export function requiredText(max: number) {
  return z
    .string({ error: V.required })
    .trim()
    .min(1, { error: V.required })
    .max(max, { error: V.tooLong });
}

/** Text a person may leave empty: trimmed, empty becomes null. */
export function optionalText(max: number) {
  return z
    .string({ error: V.invalid })
    .trim()
    .max(max, { error: V.tooLong })
    .nullish()
    .transform((s) => (s ? s : null));
}

/** UUIDv7 (or any RFC 9562 UUID) in lowercase text, as every synced row id is. */
export const rowId = z.string({ error: (issue) => (issue.input === undefined || issue.input === null ? V.required : V.uuid) }).regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, { error: V.uuid });

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Whether a text names a day of the calendar (no 2 月 30 日), as a Date made of it at midnight UTC
 * and read back says. A YYYY-MM-DD text is counted without making a Date: an import checks every
 * date a file brings, and the round trip was most of that check's time. The two agree on every
 * such text (test/shared/calendarDay.test.ts).
 */
export function isCalendarDay(s: string): boolean {
  if (ISO_DAY.test(s)) {
    const digit = (i: number) => s.charCodeAt(i) - 48;
    const year = digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3);
    const month = digit(5) * 10 + digit(6);
    const day = digit(8) * 10 + digit(9);
    if (month < 1 || month > 12 || day < 1) return false;
    const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
    return day <= (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!);
  }
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** A calendar date as ISO text (YYYY-MM-DD) that exists (no 2 月 30 日). */
export function isoDate() {
  return z
    .string({ error: choiceError })
    .regex(ISO_DAY, { error: V.date })
    .refine(isCalendarDay, { error: V.date });
}

export function optionalIsoDate() {
  // The union's own message, or a number date would come back as zod's English "Invalid input".
  return z
    .union([isoDate(), z.literal('')], { error: V.invalid })
    .nullish()
    .transform((s) => (s ? s : null));
}

/** Whole fen, not negative, within what a JS number holds exactly. */
export function moneyFen() {
  return z
    .number({ error: choiceError })
    .int({ error: V.money })
    .min(0, { error: V.notNegative })
    .max(Number.MAX_SAFE_INTEGER, { error: V.tooLarge });
}

export function count(max = 1_000_000) {
  return z.number({ error: choiceError }).int({ error: V.wholeNumber }).min(0, { error: V.notNegative }).max(max, { error: V.tooLarge });
}

export function year() {
  return z.number({ error: choiceError }).int({ error: V.year }).min(2000, { error: V.year }).max(2100, { error: V.year });
}

/** One value of a labelled enum; the labels go with the schema, so a form can show them (renderer/src/ledgers/derivedView.ts). */
export function choice<V extends string>(labels: Readonly<Record<V, unknown>>) {
  return z.enum(Object.keys(labels) as [V, ...V[]], { error: choiceError }).meta({ labels });
}

export function optionalChoice<V extends string>(labels: Readonly<Record<V, unknown>>) {
  return choice(labels)
    .nullish()
    .transform((v) => v ?? null);
}

/** Several values of a labelled enum (kept as JSON text), each at most once. */
export function choices<V extends string>(labels: Readonly<Record<V, unknown>>) {
  return z
    .array(choice(labels), { error: V.invalid })
    .max(Object.keys(labels).length, { error: V.tooLong })
    .refine((list) => new Set(list).size === list.length, { error: V.invalid })
    .default([]);
}

/** A mainland mobile (11 digits from 1) or a landline with area code. Shown masked. */
export function optionalPhone() {
  return z
    .string({ error: V.phone })
    .trim()
    .regex(/^(|1\d{10}|0\d{2,3}-?\d{7,8})$/, { error: V.phone })
    .nullish()
    .transform((s) => (s ? s.replace('-', '') : null));
}
