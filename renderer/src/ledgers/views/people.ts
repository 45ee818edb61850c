// 农户台账 and its members, and the secretaries posted to the village.
import { UNIT_LEVEL_LABELS } from '../../../../shared/domain/device';
import {
  HEALTH_LABELS, HOUSEHOLD_CATEGORY_LABELS, HOUSING_GRADE_LABELS, LABOUR_LABELS, RELATION_LABELS, SCHOOLING_LABELS,
} from '../../../../shared/domain/ledgerEnums';
import { f, type LedgerView } from '../viewTypes';

export const householdsView: LedgerView = {
  noun: 'households',
  fields: [
    f.text('headName'),
    f.text('villagerGroup'),
    f.text('gridCell'),
    f.choice('category', HOUSEHOLD_CATEGORY_LABELS),
    f.phone('phone'),
    f.choice('housingGrade', HOUSING_GRADE_LABELS),
    f.text('helperName'),
    { ...f.text('address'), wide: true },
    f.textarea('notes'),
  ],
  columns: ['headName', 'villagerGroup', 'gridCell', 'category', 'housingGrade', 'phone', 'helperName'],
};

export const membersView: LedgerView = {
  noun: 'members',
  fields: [
    f.reference('householdId', 'households'),
    f.text('name'),
    f.choice('relation', RELATION_LABELS),
    f.idNumber('idNumber'),
    f.choice('labourCapacity', LABOUR_LABELS),
    f.choice('health', HEALTH_LABELS),
    f.choice('schooling', SCHOOLING_LABELS),
    f.textarea('notes'),
  ],
  columns: ['householdId', 'name', 'relation', 'idNumber', 'labourCapacity', 'health', 'schooling'],
};

export const secretariesView: LedgerView = {
  noun: 'secretaries',
  fields: [
    f.text('name'),
    f.text('unit'),
    f.choice('unitLevel', UNIT_LEVEL_LABELS),
    f.phone('phone'),
    f.date('termStart'),
    f.date('termEnd'),
    f.textarea('notes'),
  ],
  columns: ['name', 'unit', 'unitLevel', 'termStart', 'termEnd', 'phone'],
};
