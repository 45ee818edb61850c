// The photo archive export: a village's photos and scans as a folder per ledger with an index; en.ts mounts it under `archive`.
import type { Messages } from '../zhCN';
import type { archiveZhCN } from './archive.zhCN';

export const archiveEn: Messages<typeof archiveZhCN> = {
  title: 'Photo archive',
  note: 'One person, one event, one file: a folder per ledger, files named date_record_caption, each original checked by SHA-256; with index.html (opens offline, thumbnails and links) and index.csv. Every export makes a new folder and never writes over one.',
  village: 'Village',
  export: 'Export the photo archive…',
  exportHost: 'Export the photo archive',
  working: 'Exporting…',
  done: 'Exported to {{folder}}: {{files}} files',
  missing: '{{count}} more attachments are not on this computer yet: listed in the index, not exported.',
};
