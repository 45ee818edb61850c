// Finding one's way and the township's own settings, in English; en.ts mounts them under `navigation`.
import type { Messages } from '../zhCN';
import type { navigationZhCN } from './navigation.zhCN';

export const navigationEn: Messages<typeof navigationZhCN> = {
  discard: {
    title: 'Discard what you entered?',
    body: 'What was filled in or changed on this form is not saved yet; closing it leaves nothing behind.',
    ok: 'Discard and close',
    keep: 'Keep editing',
  },
  days: {
    month: 'Month',
    counted: '{{present}} days in the village + {{leave}} days of approved leave = {{days}} days',
    rule: "Counted as the township's rules count: days in the village = diary days marked 'in the village' + days of approved leave, at least {{threshold}} a month (the township's setting). The current month counts up to today.",
  },
  term: {
    label: 'Term in the village began on',
    hint: 'Registering adds your term to the secretaries ledger; visit and diary dates must fall in it, so give the day you actually arrived.',
  },
};
