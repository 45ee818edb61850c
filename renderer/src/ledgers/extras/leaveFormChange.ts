// A leave's days follow from its dates, and its approver from its days (township up to 3,
// county beyond): filled in as the dates are picked, so the rule is met without thinking.
import type { FormInstance } from 'antd';
import { approverLevelFor, daysInclusive } from '../../../../shared/domain/ledgers/days';
import { dayToIso, type FormValues } from '../convert';

export function leaveFormChange(changed: FormValues, all: FormValues, form: FormInstance<FormValues>): void {
  if (!('startDate' in changed) && !('endDate' in changed)) return;
  const [start, end] = [dayToIso(all.startDate), dayToIso(all.endDate)];
  if (!start || !end || end < start) return;
  const days = daysInclusive(start, end);
  form.setFieldsValue({ days, approverLevel: approverLevelFor(days) });
}
