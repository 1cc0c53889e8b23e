// 我的台账: shortcuts to the ledgers the user's own unit keeps (else those kept within their scope).
import { Card, Empty, Space, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { useLedgers } from '../ledgers/common';

export function MyLedgersCard() {
  const { ledgers, loading } = useLedgers();
  const own = ledgers.filter((l) => l.keptByMyUnit);
  const shown = own.length > 0 ? own : ledgers.filter((l) => l.inMyScope);
  return (
    <Card
      title={own.length > 0 ? '本单位的台账' : '数据范围内的台账'}
      loading={loading}
      data-testid="my-ledgers"
    >
      {shown.length === 0 ? (
        <Empty description="没有需要您填报或查看的台账" />
      ) : (
        <Space wrap>
          {shown.map((l) => (
            <Link key={l.key} to={`/ledgers/${l.key}`} data-testid={`my-ledger-${l.key}`}>
              <Tag color={l.canCreate ? 'red' : 'default'} style={{ fontSize: 14, padding: '4px 10px' }}>
                {l.title}
              </Tag>
            </Link>
          ))}
        </Space>
      )}
    </Card>
  );
}
