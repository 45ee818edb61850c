// Summarises a V8 CPU profile (node --cpu-prof) by self time per function, so the bench can say
// where a merge's time goes without opening a profiler.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { functionName: string; url: string; lineNumber: number };
  readonly hitCount?: number;
}

export interface ProfileFrame {
  readonly frame: string;
  readonly share: number;
}

/** The functions holding the most self time, with their share of all samples. */
export function topFrames(cpuprofilePath: string, most = 12): ProfileFrame[] {
  const profile = JSON.parse(readFileSync(cpuprofilePath, 'utf8')) as { nodes: ProfileNode[] };
  const byFrame = new Map<string, number>();
  let total = 0;
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    if (!hits) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const where = url ? `${basename(url)}:${lineNumber + 1}` : 'native';
    const frame = `${functionName || '(anonymous)'} ${where}`;
    byFrame.set(frame, (byFrame.get(frame) ?? 0) + hits);
    total += hits;
  }
  return [...byFrame.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, most)
    .map(([frame, hits]) => ({ frame, share: hits / total }));
}
