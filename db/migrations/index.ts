// Every migration, in order. Listed by hand (not globbed) so a build cannot drop or reorder
// one silently; a test checks this list against the folder.
import type { Kysely } from 'kysely';
import * as m0010 from './0010_ledgers';
import * as m0020 from './0020_change_log';
import * as m0030 from './0030_indicators_and_list_indexes';
import * as m0040 from './0040_sync_segments';
import * as m0050 from './0050_sync_targets';
import * as m0060 from './0060_encrypted_files';
import * as m0070 from './0070_enrolments';
import * as m0080 from './0080_unsealed_index';
import * as m0090 from './0090_implicit_heads';
import * as m0100 from './0100_segment_forks';
import * as m0110 from './0110_dashboard_indexes';
import * as m0120 from './0120_refused_files';
import * as m0130 from './0130_revocations';
import * as m0140 from './0140_conflict_count_index';
import * as m0150 from './0150_township_settings';
import * as m0160 from './0160_attachments';
import * as m0170 from './0170_duty_words';
import * as m0180 from './0180_member_development';
import * as m0190 from './0190_reserve_cadres';
import * as m0200 from './0200_target_attachment_files';
import * as m0210 from './0210_township_party_clocks';
import * as m0220 from './0220_compact_change_log';
import * as m0230 from './0230_record_clocks';
import * as m0240 from './0240_segment_exclusions';
import * as m0250 from './0250_received_changes_out';
import * as m0260 from './0260_redundant_village_indexes';
import * as m0270 from './0270_first_segment_in_clock';

export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Kysely<any>): Promise<void>;
  /** It adds or changes a synced table or column: what a sync file may hold is then this
   *  migration's number (SYNC_SCHEMA_VERSION in db/ledgers.ts). test/db/migrations.test.ts runs
   *  the migrations one by one and refuses a flag missing where the synced tables change, or
   *  set where they do not. */
  readonly syncShape?: true;
  /** It frees much of the file (it deletes most of a table): the file is vacuumed once the
   *  pending migrations are done, so the space goes back to the disk, not only to SQLite. */
  readonly vacuumAfter?: true;
}

export const MIGRATIONS: readonly Migration[] = [
  { version: 10, name: '0010_ledgers', up: m0010.up, syncShape: true },
  { version: 20, name: '0020_change_log', up: m0020.up },
  { version: 30, name: '0030_indicators_and_list_indexes', up: m0030.up, syncShape: true },
  { version: 40, name: '0040_sync_segments', up: m0040.up },
  { version: 50, name: '0050_sync_targets', up: m0050.up },
  { version: 60, name: '0060_encrypted_files', up: m0060.up },
  { version: 70, name: '0070_enrolments', up: m0070.up },
  { version: 80, name: '0080_unsealed_index', up: m0080.up },
  { version: 90, name: '0090_implicit_heads', up: m0090.up },
  { version: 100, name: '0100_segment_forks', up: m0100.up },
  { version: 110, name: '0110_dashboard_indexes', up: m0110.up },
  { version: 120, name: '0120_refused_files', up: m0120.up },
  { version: 130, name: '0130_revocations', up: m0130.up },
  { version: 140, name: '0140_conflict_count_index', up: m0140.up },
  { version: 150, name: '0150_township_settings', up: m0150.up },
  { version: 160, name: '0160_attachments', up: m0160.up, syncShape: true },
  { version: 170, name: '0170_duty_words', up: m0170.up },
  { version: 180, name: '0180_member_development', up: m0180.up, syncShape: true },
  { version: 190, name: '0190_reserve_cadres', up: m0190.up, syncShape: true },
  { version: 200, name: '0200_target_attachment_files', up: m0200.up },
  { version: 210, name: '0210_township_party_clocks', up: m0210.up },
  { version: 220, name: '0220_compact_change_log', up: m0220.up },
  { version: 230, name: '0230_record_clocks', up: m0230.up },
  { version: 240, name: '0240_segment_exclusions', up: m0240.up },
  { version: 250, name: '0250_received_changes_out', up: m0250.up, vacuumAfter: true },
  { version: 260, name: '0260_redundant_village_indexes', up: m0260.up },
  { version: 270, name: '0270_first_segment_in_clock', up: m0270.up, vacuumAfter: true },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
