// Bench: encrypt and decrypt a large file through the passphrase envelope. Prints MB/s, the key
// derivation time and the peak growth of the resident set — scrypt's 32 MiB plus a few chunks,
// whatever the file size, because both directions stream chunk by chunk. Asserts nothing.
//   node scripts/bench.mjs envelope [--mb 200] [--keep]
import { randomBytes } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decryptFile, DEFAULT_CHUNK_SIZE, encryptFile } from '../../db/sync/envelope';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}
const MEGABYTES = arg('mb', 200);
const KEEP = process.argv.includes('--keep');
const MiB = 1024 * 1024;

/** Runs `work`, sampling the resident set every 10 ms; returns seconds and the peak growth. */
async function measured(work: () => Promise<unknown>): Promise<{ seconds: number; peakGrowthMiB: number }> {
  const base = process.memoryUsage.rss();
  let peak = base;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 10);
  const t0 = performance.now();
  await work();
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage.rss());
  return { seconds, peakGrowthMiB: (peak - base) / MiB };
}

function sameContent(a: string, b: string): boolean {
  const [fa, fb] = [openSync(a, 'r'), openSync(b, 'r')];
  const [ba, bb] = [Buffer.alloc(MiB), Buffer.alloc(MiB)];
  try {
    for (let at = 0; ; at += MiB) {
      const [na, nb] = [readSync(fa, ba, 0, MiB, at), readSync(fb, bb, 0, MiB, at)];
      if (na !== nb || !ba.subarray(0, na).equals(bb.subarray(0, nb))) return false;
      if (na === 0) return true;
    }
  } finally {
    closeSync(fa);
    closeSync(fb);
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'cunji-bench-envelope-'));
  try {
    const plain = join(dir, 'township.cunji');
    // Written a mebibyte at a time: the bench itself must not hold the file either.
    const fd = openSync(plain, 'w');
    for (let i = 0; i < MEGABYTES; i++) writeSync(fd, randomBytes(MiB));
    closeSync(fd);
    console.log(`村记 bench:envelope — ${MEGABYTES} MiB, chunks of ${DEFAULT_CHUNK_SIZE / MiB} MiB, scrypt N=2^15 r=8 p=1, in ${dir}`);
    console.log(`resident set before: ${(process.memoryUsage.rss() / MiB).toFixed(0)} MiB`);

    const enc = await measured(() => encryptFile(plain, join(dir, 'sealed.cunji'), 'bench passphrase'));
    const dec = await measured(() => decryptFile(join(dir, 'sealed.cunji'), join(dir, 'back.cunji'), 'bench passphrase'));
    // One derivation alone (a wrong passphrase stops right after it), to separate it from the stream.
    const kdf = await measured(() => decryptFile(join(dir, 'sealed.cunji'), join(dir, 'never.cunji'), 'wrong').catch(() => undefined));
    const rate = (s: number) => (MEGABYTES / s).toFixed(0);
    console.log(`key derivation: ${(kdf.seconds * 1000).toFixed(0)} ms, peak RSS growth ${kdf.peakGrowthMiB.toFixed(1)} MiB (scrypt's own 32 MiB)`);
    console.log(`encrypt: ${enc.seconds.toFixed(2)} s, ${rate(enc.seconds)} MB/s (the derivation included), peak RSS growth ${enc.peakGrowthMiB.toFixed(1)} MiB`);
    console.log(`decrypt: ${dec.seconds.toFixed(2)} s, ${rate(dec.seconds)} MB/s (the derivation included), peak RSS growth ${dec.peakGrowthMiB.toFixed(1)} MiB`);
    console.log(`round trip identical: ${sameContent(plain, join(dir, 'back.cunji'))}`);
  } finally {
    if (KEEP) console.log(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

void main();
