// The one ECharts wrapper: it owns init, setOption, resize and dispose, and reports a click on a
// chart element so every bar can link to the records behind it. Only the chart types the app
// draws are imported (echarts/core), and the SVG renderer keeps charts crisp in print and PDF.
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { DatasetComponent, GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef, type CSSProperties, type JSX } from 'react';
import { CUNJI_THEME } from '../theme';
import { SERIES_COLOURS } from './palette';

echarts.use([BarChart, LineChart, PieChart, GridComponent, TooltipComponent, LegendComponent, TitleComponent, MarkLineComponent, DatasetComponent, SVGRenderer]);

export type ChartOption = echarts.EChartsCoreOption;

export interface ChartClick {
  seriesIndex: number;
  dataIndex: number;
  name: string;
}

export interface EChartProps {
  option: ChartOption;
  height: number;
  onClick?: (click: ChartClick) => void;
  /** Describes the chart for screen readers and tests. */
  label: string;
  testId?: string;
  style?: CSSProperties;
}

const BASE: ChartOption = {
  color: [...SERIES_COLOURS],
  // The app's own fonts by name: ECharts measures labels on a canvas, where 'inherit' means
  // nothing and a 10px default is measured instead, so long Chinese labels were cut short.
  textStyle: { fontFamily: CUNJI_THEME.token!.fontFamily },
  // No motion: charts redraw after every write and sync, and printing must not catch a frame.
  animation: false,
};

export function EChart({ option, height, onClick, label, testId, style }: EChartProps): JSX.Element {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const clickRef = useRef(onClick);
  useEffect(() => {
    clickRef.current = onClick;
  }, [onClick]);

  useEffect(() => {
    const instance = echarts.init(element.current!, undefined, { renderer: 'svg' });
    chart.current = instance;
    instance.on('click', (params) => clickRef.current?.({ seriesIndex: params.seriesIndex ?? 0, dataIndex: params.dataIndex, name: params.name }));
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element.current!);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption({ ...BASE, ...option }, { notMerge: true });
  }, [option]);

  return (
    <div
      ref={element}
      role="img"
      aria-label={label}
      data-testid={testId}
      style={{ height, width: '100%', cursor: onClick ? 'pointer' : undefined, ...style }}
    />
  );
}
