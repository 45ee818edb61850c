// The growth chart of `npm run bench`: merge time (wall and CPU) and peak RSS against the number
// of villages merged, drawn by ECharts' server-side SVG renderer and turned into a PNG by sharp,
// so the shape can be seen: time should rise in a straight line, memory stay flat.
import { writeFileSync } from 'node:fs';
import * as echarts from 'echarts';
import sharp from 'sharp';

export interface GrowthPoint {
  readonly villages: number;
  readonly changes: number;
  readonly wallS: number;
  readonly cpuS: number;
  readonly rssMb: number;
  /** Where the point was extrapolated rather than measured. */
  readonly extrapolated?: boolean;
}

export async function writeGrowthChart(points: readonly GrowthPoint[], title: string, pngPath: string): Promise<void> {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 1200, height: 520 });
  const measured = points.filter((p) => !p.extrapolated);
  const series = (name: string, pick: (p: GrowthPoint) => number, axis: number, color: string) => ({
    name, type: 'line' as const, xAxisIndex: axis, yAxisIndex: axis, color, symbolSize: 8,
    data: measured.map((p) => [p.villages, Number(pick(p).toFixed(2))]),
    label: { show: true, position: 'top' as const, fontSize: 11 },
  });
  chart.setOption({
    animation: false,
    backgroundColor: '#ffffff',
    title: { text: title, left: 'center', textStyle: { fontSize: 15 } },
    legend: { top: 36 },
    grid: [{ left: 70, right: 640, top: 90, bottom: 60 }, { left: 680, right: 40, top: 90, bottom: 60 }],
    xAxis: [0, 1].map((gridIndex) => ({ type: 'value', gridIndex, name: 'villages merged', nameLocation: 'middle', nameGap: 30, min: 0 })),
    yAxis: [
      { type: 'value', gridIndex: 0, name: 'merge time, s', min: 0 },
      { type: 'value', gridIndex: 1, name: 'peak RSS of the merging process, MB', min: 0 },
    ],
    series: [
      series('wall time (s)', (p) => p.wallS, 0, '#c0392b'),
      series('CPU time (s)', (p) => p.cpuS, 0, '#2980b9'),
      series('peak RSS (MB)', (p) => p.rssMb, 1, '#27ae60'),
    ],
  });
  const svg = chart.renderToSVGString();
  chart.dispose();
  writeFileSync(pngPath, await sharp(Buffer.from(svg)).png().toBuffer());
}
