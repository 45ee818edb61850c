// 照片档案 (a village's gallery) and the PDF pages in the attachment viewer, in English; en.ts mounts it under `gallery`.
import type { Messages } from '../zhCN';
import type { galleryZhCN } from './gallery.zhCN';

export const galleryEn: Messages<typeof galleryZhCN> = {
  title: 'Photo archive',
  intro: "The photos and scans on this village's records, month by month; open one to page through them.",
  village: 'Village',
  ledger: 'Ledger',
  allLedgers: 'All ledgers',
  month: 'Month',
  allMonths: 'All months',
  monthOption: '{{month}} ({{count}})',
  monthCount_one: '{{count}} file',
  monthCount_other: '{{count}} files',
  total_one: '{{count}} file',
  total_other: '{{count}} files',
  empty: 'No photos or scans in this village yet. Add them on the form of a visit, a project or another record.',
  emptyFiltered: 'No photos or scans match',
  pickVillage: 'Choose a village',
  notHere: 'Not on this computer yet',
  notHereHint: 'The record has synced; the file comes with a later sync',
  openRecord: 'Open the record',
  recordLink: 'Open the record: {{record}}',
  recordGone: 'The record is no longer on this computer',
  position: '{{index}} of {{total}}',
  pdf: {
    loading: 'Opening the PDF…',
    page: 'Page {{page}} of {{pages}}',
    previousPage: 'Previous page',
    nextPage: 'Next page',
    openInSystem: 'Open in the system reader',
    failed: 'This PDF cannot be shown in Cunji; open it in the system reader.',
  },
};
