// The dashboards' words in English; en.ts mounts them under `dashboard`.
import type { Messages } from '../zhCN';
import type { dashboardZhCN } from './dashboard.zhCN';

export const dashboardEn: Messages<typeof dashboardZhCN> = {
  title: 'Progress',
  listSeparator: ', ',
  period: {
    label: 'Period',
    month: 'This month',
    lastMonth: 'Last month',
    quarter: 'This quarter',
    lastQuarter: 'Last quarter',
    year: 'This year',
    term: 'Term to date',
    custom: 'Custom',
    days: '{{from}} to {{to}}',
  },
  headline: {
    title: 'Record of work',
    unanswered: 'Not in the ledgers yet',
    money: 'Funds received: {{wan}} × 10,000 yuan',
    missing: 'Villages that entered nothing: {{villages}}',
    basis: {
      reported: 'As entered on the yearly indicators',
      partial: 'As entered on the yearly indicators; {{count}} villages entered nothing',
      unanswered: 'No village has entered its yearly indicators',
    },
    visitedHouseholds: { label: 'Households visited', unit: 'households' },
    reserveCadres: { label: 'Reserve cadres trained', unit: 'people' },
    venuesRebuilt: { label: 'Village venues built or rebuilt', unit: 'venues' },
    plans: { label: 'Assistance plans made', unit: 'plans' },
    projectsIntroduced: { label: 'Projects brought in', unit: 'projects' },
    commitments: { label: 'Public commitments', unit: 'items' },
    needsSolved: { label: 'Needs resolved', unit: 'needs' },
  },
};
