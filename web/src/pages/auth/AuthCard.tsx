import { Card, Typography } from 'antd';
import type { ReactNode } from 'react';

/** The centred card of the login, password-change and 2FA pages. */
export function AuthCard({
  title,
  children,
  width = 420,
}: {
  title: string;
  children: ReactNode;
  width?: number;
}) {
  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        flexDirection: 'column',
        alignItems: 'center',
        justifyContent: 'center',
        background: 'linear-gradient(180deg, #9f1c1c 0, #9f1c1c 220px, #f5f5f5 220px)',
        padding: 24,
      }}
    >
      <Typography.Title level={2} style={{ color: '#fff', marginBottom: 24 }}>
        法治政府建设综合管理平台
      </Typography.Title>
      <Card title={title} style={{ width, maxWidth: '100%' }}>
        {children}
      </Card>
    </div>
  );
}
