// 一户一档: the household and its members. ID numbers are checked (GB 11643) on entry.
import { z } from 'zod';
import { idNumberProblem, normalizeIdNumber } from '../idNumber';
import {
  HEALTH_LABELS, HOUSEHOLD_CATEGORY_LABELS, HOUSING_GRADE_LABELS, LABOUR_LABELS, RELATION_LABELS, SCHOOLING_LABELS,
} from '../ledgerEnums';
import { choice, optionalChoice, optionalPhone, optionalText, requiredText, rowId, V } from '../validation';
import { defineLedger } from './define';

export const households = defineLedger({
  noun: 'households',
  table: 'households',
  place: { group: 'households', icon: 'home' },
  namedBy: ['headName', 'villagerGroup'],
  fields: {
    headName: requiredText(20),
    villagerGroup: optionalText(20),
    gridCell: optionalText(20),
    category: choice(HOUSEHOLD_CATEGORY_LABELS),
    phone: optionalPhone(),
    address: optionalText(100),
    housingGrade: optionalChoice(HOUSING_GRADE_LABELS),
    helperName: optionalText(20),
    notes: optionalText(2000),
  },
  searchable: ['headName', 'villagerGroup', 'gridCell', 'helperName'],
  filterable: ['category', 'villagerGroup', 'housingGrade'],
});

const ID_PROBLEM_MESSAGES = { format: V.idNumber, birthDate: V.idBirthDate, checkDigit: V.idCheckDigit } as const;

/** Optional, but when given it must be a real ID number; kept uppercase. */
export const optionalIdNumber = z
  .string({ error: V.idNumber })
  .trim()
  .nullish()
  .transform((s) => (s ? normalizeIdNumber(s) : null))
  .superRefine((id, ctx) => {
    const problem = id ? idNumberProblem(id) : null;
    if (problem) ctx.addIssue({ code: 'custom', message: ID_PROBLEM_MESSAGES[problem] });
  });

export const members = defineLedger({
  noun: 'members',
  table: 'household_members',
  place: { partOf: 'households' },
  namedBy: ['name', 'householdId'],
  fields: {
    householdId: rowId,
    name: requiredText(20),
    relation: choice(RELATION_LABELS),
    idNumber: optionalIdNumber,
    labourCapacity: optionalChoice(LABOUR_LABELS),
    health: optionalChoice(HEALTH_LABELS),
    schooling: optionalChoice(SCHOOLING_LABELS),
    notes: optionalText(500),
  },
  searchable: ['name'],
  filterable: ['householdId', 'relation'],
});

/** This file's ledgers, in menu order (shared/domain/ledgers/index.ts joins every file's). */
export const HOUSEHOLD_LEDGERS = { households, members } as const;
