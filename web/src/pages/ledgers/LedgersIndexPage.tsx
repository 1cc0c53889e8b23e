// 业务台账: every ledger, grouped by business domain.
import { Card, Col, Empty, Result, Row, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { Loading } from '../../components/Loading';
import { DOMAIN_LABELS, type LedgerMeta, useLedgers } from './common';

export default function LedgersIndexPage() {
  const { ledgers, loading, error } = useLedgers();
  if (loading) return <Loading />;
  if (error) return <Result status="error" title={error} />;
  // Only the ledgers some unit within the user's scope keeps: a township is not offered 行政复议.
  const mine = ledgers.filter((l) => l.inMyScope);
  const others = ledgers.length - mine.length;
  const groups = new Map<string, LedgerMeta[]>();
  for (const l of mine) groups.set(l.domain, [...(groups.get(l.domain) ?? []), l]);
  const order = Object.keys(DOMAIN_LABELS);
  const domains = [...groups.keys()].sort(
    (a, b) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99),
  );

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        业务台账
      </Typography.Title>
      {mine.length === 0 && <Empty description="您的数据范围内的单位不填报任何台账" />}
      <Row gutter={[16, 16]}>
        {domains.map((domain) => (
          <Col key={domain} xs={24} md={12} xl={8}>
            <Card
              title={DOMAIN_LABELS[domain] ?? domain}
              size="small"
              data-testid={`domain-${domain}`}
              style={{ height: '100%' }}
            >
              <Space orientation="vertical" size={12} style={{ width: '100%' }}>
                {(groups.get(domain) ?? []).map((l) => (
                  <div key={l.key}>
                    <Link
                      to={`/ledgers/${l.key}`}
                      data-testid={`ledger-${l.key}`}
                      style={{ fontSize: 15, fontWeight: 600 }}
                    >
                      {l.title}
                    </Link>
                    <Typography.Paragraph
                      type="secondary"
                      ellipsis={{ rows: 2 }}
                      style={{ margin: '2px 0 4px' }}
                    >
                      {l.description}
                    </Typography.Paragraph>
                    <Space size={4} wrap>
                      <Tag>{l.fields.length} 个字段</Tag>
                      {l.indicators.length > 0 && <Tag color="red">{l.indicators.length} 项指标</Tag>}
                      {l.deadlines.length > 0 && <Tag color="orange">办理时限</Tag>}
                    </Space>
                  </div>
                ))}
              </Space>
            </Card>
          </Col>
        ))}
      </Row>
      {others > 0 && (
        <Typography.Text type="secondary" data-testid="ledgers-elsewhere">
          另有 {others} 个台账由其他类型的单位填报（如行政复议由政府、司法局填报），不在您的数据范围内。
        </Typography.Text>
      )}
    </Space>
  );
}
