// Bench: releasing a large quarantine after an import batch. A coordinator holds N changes of a
// device trusted for no village; it then releases (a) first on its connection, judging all,
// (b) with nothing changed, as after a batch that brought nothing new, (c) after a small file
// of another held device, and (d) after that device is trusted for its village. Prints each
// release's time and the quarantine rows it read. Asserts nothing.
//   npm run bench:quarantine -- [--held 20000] [--runs 20] [--keep]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { releaseQuarantine } from '../../db/sync/quarantine';
import { countReads } from '../helpers/countedReads';
import { openPeer, villageWithHouseholds } from '../db/sync/syncPeers';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}
const HELD = arg('held', 20_000);
const RUNS = arg('runs', 20);
const KEEP = process.argv.includes('--keep');
const COLUMNS_PER_HOUSEHOLD = 9;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'cunji-bench-quarantine-'));
  const folder = join(dir, 'folder');
  const [coordinator, crowded, small] = await Promise.all(['00000000000000c1', '00000000000000c2', '00000000000000c3'].map((id) => openPeer(join(dir, id), id)));
  coordinator!.trust(crowded!, []);
  coordinator!.trust(small!, []);
  villageWithHouseholds(crowded!, Math.ceil(HELD / COLUMNS_PER_HOUSEHOLD));
  const held = coordinator!.importFile(crowded!.exportTo(folder)!).setAside.OUT_OF_SCOPE ?? 0;

  const reads = countReads(coordinator!.sqlite, 'quarantine');
  const release = () => releaseQuarantine(reads.sqlite, coordinator!.device.clock, { selfId: coordinator!.id, now: coordinator!.now });
  const measure = (label: string, times = 1) => {
    const ms: number[] = [];
    let result = { released: 0, held: 0 };
    let rows = 0;
    for (let i = 0; i < times; i++) {
      reads.reset();
      const t0 = performance.now();
      result = release();
      ms.push(performance.now() - t0);
      rows = reads.rows();
    }
    ms.sort((a, b) => a - b);
    const median = ms[Math.floor(ms.length / 2)]!;
    console.log(`${label.padEnd(52)} ${median.toFixed(1).padStart(8)} ms   ${String(rows).padStart(6)} rows read   released ${result.released}, held ${result.held}`);
  };

  console.log(`quarantine of ${held.toLocaleString('en-US')} held changes (one device, trusted for no village)`);
  measure('first release on the connection (judges all)');
  measure(`release, nothing changed (median of ${RUNS})`, RUNS);
  const village = villageWithHouseholds(small!, 1);
  coordinator!.importFile(small!.exportTo(folder)!);
  measure('release after a small file, held too');
  coordinator!.trust(small!, [village]);
  measure('release after that device is trusted for its village');

  for (const peer of [coordinator, crowded, small]) peer!.device.close();
  if (KEEP) console.log(`kept ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}

void main();
