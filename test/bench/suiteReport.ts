// What `npm run bench` prints: a table a scale point, the relay, the host's cold start, the issue's
// targets (met, or missed by how much), and the city extrapolated from the measured curve. In
// quick mode only the checks that held, no timings.
import type { ForkedBuildFigures, ForkedMergeFigures } from './automergeForked';
import type { HostStartFigures } from './hostStart';
import type { PhysicalFigures } from './physical';
import type { ProfileFrame } from './profileSummary';
import { int, mb, type ImportFigures } from './syncFixture';

export interface PointFigures {
  readonly villages: number;
  readonly merge: ImportFigures;
  readonly physical: PhysicalFigures;
  readonly automerge?: ForkedMergeFigures;
  readonly diskBytes: number;
  readonly fileBytes: number;
  readonly tables?: { name: string; bytes: number }[];
  readonly profile?: ProfileFrame[];
}

export interface SuiteFigures {
  readonly machine: { uptime: string; cores: number; node: string; date: string };
  readonly quick: boolean;
  readonly villages: number;
  readonly township: number;
  readonly households: number;
  readonly years: number;
  readonly generateS: number;
  readonly points: PointFigures[];
  readonly amBuild: ForkedBuildFigures;
  readonly relay?: { townships: ImportFigures[]; merge: ImportFigures; rows: number; fileBytes: number };
  readonly host?: HostStartFigures;
  readonly totalS: number;
}

const CITY = 2500;
const DISTRICT = 300;
const s2 = (s: number) => `${s.toFixed(2)} s`;
const rate = (n: number, s: number) => `${int(n / s)}/s`;
const times = (a: number, b: number) => `${(a / b).toFixed(1)}×`;

/** Wall seconds at `villages` on the straight line through the two largest measured points. */
export function extrapolate(points: readonly PointFigures[], villages: number, pick: (p: PointFigures) => number): number {
  const [a, b] = points.slice(-2);
  if (!a || !b) return (pick(points[0]!) / points[0]!.villages) * villages;
  const slope = (pick(b) - pick(a)) / (b.villages - a.villages);
  return pick(b) + slope * (villages - b.villages);
}

export function reportSuite(f: SuiteFigures): void {
  if (f.quick) {
    const last = f.points[f.points.length - 1]!;
    console.log(`quick: OK — ${f.points.length} scale points merged (largest ${int(last.merge.changes)} changes, every change stored once, re-import added none);`);
    console.log(`  Automerge forked from one base, merged and checked equal to Cunji's ledgers at ${f.points.filter((p) => p.automerge).map((p) => p.villages).join(', ')} villages;`);
    if (f.relay) console.log(`  ${f.relay.townships.length} township files relayed into a district: ledgers equal to the direct merge (${int(f.relay.rows)} rows);`);
    console.log(`  host: ${f.host ? `answered its first screen listing ${f.host.villages} villages` : 'not built, skipped'}. Whole run ${f.totalS.toFixed(0)} s.`);
    return;
  }
  const rows: Record<string, Record<string, string>> = {};
  for (const p of f.points) {
    const m = p.merge;
    const am = p.automerge;
    rows[`${p.villages} villages`] = {
      changes: int(m.changes),
      'merge wall (CPU)': `${s2(m.importS)} (${s2(m.importCpuS)})`,
      'changes/s wall (CPU)': `${rate(m.changes, m.importS)} (${rate(m.changes, m.importCpuS)})`,
      'projection rows: INSERT / INSERT…SELECT': `${int(p.physical.rows)}: ${s2(p.physical.insertS)} / ${s2(p.physical.selectS)}`,
      'merge ÷ INSERT': times(m.importS, p.physical.insertS),
      'B/change file / disk': `${(p.fileBytes / m.changes).toFixed(2)} / ${(p.diskBytes / m.changes).toFixed(0)}`,
      'disk': mb(p.diskBytes),
      'peak RSS': mb(m.peakRss),
      're-import (×faster)': m.reimportS === undefined ? '' : `${s2(m.reimportS)} (${times(m.importS, m.reimportS)})`,
      'Automerge merge (CPU)': am ? `${s2(am.mergeS)} (${s2(am.mergeCpuS)})` : '',
      'Cunji ×faster wall (CPU)': am ? `${times(am.mergeS, m.importS)} (${times(am.mergeCpuS, m.importCpuS)})` : '',
      'Automerge RSS / saved': am ? `${mb(am.peakRss)} / ${mb(am.savedBytes)}` : '',
    };
  }
  console.table(rows);
  const top = f.points[f.points.length - 1]!;
  if (top.tables) console.log(`where ${mb(top.diskBytes)} on disk go (dbstat, ${top.villages} villages): ${top.tables.map((t) => `${t.name} ${mb(t.bytes)}`).join(', ')}`);
  if (top.merge.verifyS) console.log(`verify pass alone (read, hash, signatures, decode): ${s2(top.merge.verifyS)} of the ${s2(top.merge.importS)} merge at ${top.villages} villages`);
  console.log(`Automerge build (base + a fork a village, one change a row): ${int(f.amBuild.rows)} rows, ${int(f.amBuild.ops)} ops, ${mb(f.amBuild.changeBytes)} of changes, ${s2(f.amBuild.buildS)}`);
  if (f.relay) {
    const full = f.relay.townships.filter((_, i) => i < f.relay!.townships.length - 1 || f.villages % f.township === 0).map((t) => t.importS).sort((a, b) => a - b);
    const r = f.relay.merge;
    console.log(`townships merged by their coordinators (${f.relay.townships.length}): median ${s2(full[Math.floor(full.length / 2)] ?? 0)} wall for ${f.township} villages`);
    console.log(`district by relay: ${f.relay.townships.length} township files (${mb(f.relay.fileBytes)}), ${int(r.changes)} changes in ${s2(r.importS)} wall (${s2(r.importCpuS)} CPU), ${rate(r.changes, r.importS)}; peak RSS ${mb(r.peakRss)}; re-import ${s2(r.reimportS ?? 0)} (${times(r.importS, r.reimportS ?? 1)} faster); ledgers equal to the direct merge`);
  }
  if (f.host) console.log(`host cold start on the ${top.villages}-village database (${mb(top.diskBytes)}): listening ${s2(f.host.listeningS)}, page ${s2(f.host.pageS)}, first screen's calls answered ${s2(f.host.firstScreenS)}; host peak RSS ${mb(f.host.peakRss)}`);
  const profiled = f.points.find((p) => p.profile);
  if (profiled?.profile) console.log(`profile of the ${profiled.villages}-village merge (node --cpu-prof, a run of its own; self time): ${profiled.profile.map((p) => `${p.frame} ${(p.share * 100).toFixed(1)}%`).join('; ')}`);

  const perVillage = top.merge.changes / top.villages;
  const at = (v: number) => f.points.find((p) => p.villages === v);
  const township = at(30);
  const district = at(DISTRICT);
  const districtS = district?.merge.importS ?? extrapolate(f.points, DISTRICT, (p) => p.merge.importS);
  const cityS = extrapolate(f.points, CITY, (p) => p.merge.importS);
  const diskPerChange = top.diskBytes / top.merge.changes;
  console.log(`city (${int(CITY)} villages, EXTRAPOLATED from the line through the two largest points): about ${int(perVillage * CITY)} changes, ${(cityS / 60).toFixed(0)} min of merge, ${(perVillage * CITY * diskPerChange / 2 ** 30).toFixed(0)} GB on disk`);
  const verdict = (ok: boolean) => (ok ? 'MET   ' : 'MISSED');
  console.log('Targets of issue 16:');
  if (township) console.log(`  ${verdict(township.diskBytes / township.merge.changes <= 100)} ≤ 100 bytes/change on disk at township: ${(township.diskBytes / township.merge.changes).toFixed(0)}`);
  if (township) console.log(`  ${verdict(township.merge.importS < 10)} township < 10 s: ${s2(township.merge.importS)} wall (${s2(township.merge.importCpuS)} CPU)`);
  console.log(`  ${verdict(districtS < 100)} district < 100 s: ${s2(districtS)} wall${district ? '' : ' (EXTRAPOLATED)'}${f.relay ? `; by relay ${s2(f.relay.merge.importS)}${f.villages === DISTRICT ? '' : ` at ${f.villages} villages`}` : ''}`);
  const withAm = [...f.points].reverse().find((p) => p.automerge);
  if (withAm?.automerge) {
    const am = withAm.automerge;
    console.log(`  ${verdict(am.mergeS / withAm.merge.importS >= 10)} ≥ 10× corrected Automerge (${withAm.villages} villages, same content, checked equal): ${times(am.mergeS, withAm.merge.importS)} by wall time, ${times(am.mergeCpuS, withAm.merge.importCpuS)} by CPU`);
    console.log(`  ${verdict(withAm.merge.peakRss <= am.peakRss / 4)} peak RSS ≤ ¼ of Automerge's: ${mb(withAm.merge.peakRss)} vs ${mb(am.peakRss)} (${((withAm.merge.peakRss / am.peakRss) * 100).toFixed(0)}%)`);
  }
  if (top.merge.reimportS !== undefined) console.log(`  ${verdict(top.merge.importS / top.merge.reimportS >= 20)} re-import ≥ 20× faster: ${times(top.merge.importS, top.merge.reimportS)} (${s2(top.merge.reimportS)} against ${s2(top.merge.importS)})`);
  console.log(`whole run ${(f.totalS / 60).toFixed(1)} min (generating ${(f.generateS / 60).toFixed(1)} min)`);
}
