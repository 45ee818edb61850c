// 后备干部 reserve cadres: the person, who recommended them and through which channel, the
// secretary who mentors them and the outcome; and one row per training they attend.
import { cadreFields, checkCadreRecord, trainingFields } from '../party/records';
import { defineLedger } from './define';

export const cadres = defineLedger({
  noun: 'cadres',
  table: 'reserve_cadres',
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
  namedBy: ['cadreId', 'course', 'trainedOn'],
  fields: trainingFields,
  searchable: ['course', 'organiser', 'archiveRef'],
  filterable: ['cadreId'],
  dateField: 'trainedOn',
});
