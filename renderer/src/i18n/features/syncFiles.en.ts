// Whether a saved sync place carries the photos and scans or only their records, in English;
// en.ts mounts them under `syncFiles`.
import type { Messages } from '../zhCN';
import type { syncFilesZhCN } from './syncFiles.zhCN';

export const syncFilesEn: Messages<typeof syncFilesZhCN> = {
  carry: 'Send photos and scans with the records',
  carryHint: 'When unticked, only the records travel: the other side sees which photos there are, but not the files (shown as not synced to that computer yet). Useful when reporting to the district.',
  recordsOnly: 'Records only, no photos',
  toggle: 'Send photos and scans',
};
