// One number of the village dashboard: its name, the figure and its unit, a line under it, and a
// click through to the records behind it. A warning figure (overdue) is red AND carries an icon
// and its own words, so colour never carries the meaning alone.
import { ExclamationCircleOutlined } from '@ant-design/icons';
import { Statistic, Typography } from 'antd';
import type { JSX, ReactNode } from 'react';
import type { Route } from '../../../shell/route';
import { navigate } from '../../../shell/useRoute';
import { RAG_COLOURS } from '../../../charts/palette';

export interface FigureProps {
  title: string;
  /** null: nothing to show it against (see `none`). */
  value: number | string | null;
  unit?: string;
  route: Route;
  testId: string;
  /** Shown for a null value, e.g. "—". */
  none?: string;
  /** Red with an icon when the value is more than zero (overdue things). */
  warnWhenAny?: boolean;
  hint?: ReactNode;
  size?: number;
}

export function Figure({ title, value, unit, route, testId, none = '—', warnWhenAny, hint, size = 22 }: FigureProps): JSX.Element {
  const warn = warnWhenAny === true && typeof value === 'number' && value > 0;
  return (
    <div>
      <button type="button" className="figure-link" onClick={() => navigate(route)} data-testid={testId}>
        <Statistic
          title={title}
          value={value ?? none}
          suffix={value === null ? undefined : unit}
          prefix={warn ? <ExclamationCircleOutlined aria-hidden /> : undefined}
          styles={{ content: { fontSize: value === null ? 16 : size, ...(warn ? { color: RAG_COLOURS.red } : {}) } }}
        />
      </button>
      {hint && (
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
          {hint}
        </Typography.Text>
      )}
    </div>
  );
}
