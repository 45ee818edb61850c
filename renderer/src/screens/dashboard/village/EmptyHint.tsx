// What a card says when nothing is recorded for it yet: what to record, and where.
import { Empty } from 'antd';
import type { JSX } from 'react';

export function EmptyHint({ text, testId }: { text: string; testId?: string }): JSX.Element {
  return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={text} data-testid={testId} style={{ margin: '12px 0' }} />;
}
