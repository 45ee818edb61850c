// 后备干部 reserve cadres: the person, who recommended them and through which channel, the
// secretary who mentors them and the outcome; and one row per training they attend.
import { cadreFields, checkCadreRecord } from '../party/records';
import { count, isoDate, optionalText, requiredText, rowId } from '../validation';
import { defineLedger } from './define';

/** One training a reserve cadre attended. */
export const trainingFields = {
  cadreId: rowId,
  trainedOn: isoDate(),
  course: requiredText(60),
  organiser: optionalText(40),
  hours: count(1000).nullish().transform((n) => n ?? null),
  archiveRef: optionalText(40),
  notes: optionalText(500),
};

export const cadres = defineLedger({
  noun: 'cadres',
  table: 'reserve_cadres',
  place: { group: 'party', icon: 'team' },
  namedBy: ['name'],
  fields: cadreFields,
  searchable: ['name', 'occupation', 'recommendedBy', 'mentor'],
  filterable: ['channel', 'outcome', 'sex'],
  dateField: 'recommendedOn',
  otherDates: ['outcomeOn'],
  check: checkCadreRecord,
});

export const trainings = defineLedger({
  noun: 'trainings',
  table: 'cadre_trainings',
  place: { partOf: 'cadres' },
  namedBy: ['cadreId', 'course', 'trainedOn'],
  fields: trainingFields,
  searchable: ['course', 'organiser', 'archiveRef'],
  filterable: ['cadreId'],
  dateField: 'trainedOn',
});

/** This file's ledgers, in menu order (shared/domain/ledgers/index.ts joins every file's). */
export const RESERVE_LEDGERS = { cadres, trainings } as const;
