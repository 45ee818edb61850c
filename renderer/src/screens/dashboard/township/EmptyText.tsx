// An empty overview's words: what is missing, and what to record or import to fill it.
import { Typography } from 'antd';
import type { JSX } from 'react';

export function EmptyText({ title, body }: { title: string; body: string }): JSX.Element {
  return (
    <>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {title}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ maxWidth: 560, margin: '0 auto 8px' }}>
        {body}
      </Typography.Paragraph>
    </>
  );
}
