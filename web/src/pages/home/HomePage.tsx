// 工作台: what is due from me this month, my ledgers, my to-do, then who I am and what I can see.
import { Card, Col, Descriptions, Empty, Row, Space, Spin, Tag, Tree, Typography } from 'antd';
import { useAuth } from '../../auth';
import { countNodes, toTreeData, useUnitTree } from '../../components/units';
import { PERMISSION_LABELS } from '../../labels';
import { DueThisMonthCard } from './DueThisMonthCard';
import { MyLedgersCard } from './MyLedgersCard';
import { TodoCard } from './TodoCard';

export default function HomePage() {
  const { me, can } = useAuth();
  const canSeeUnits = can('org:unit:read');
  const { tree, loading } = useUnitTree(canSeeUnits);
  if (!me) return null;
  const count = countNodes(tree);

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        工作台
      </Typography.Title>
      {can('ledger:read') && (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={12}>
            <DueThisMonthCard />
          </Col>
          <Col xs={24} lg={12}>
            <MyLedgersCard />
          </Col>
        </Row>
      )}
      {can('ledger:read') && <TodoCard />}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title="我的信息">
            <Descriptions column={1} size="small" data-testid="my-info">
              <Descriptions.Item label="姓名">
                {me.user.displayName}（{me.user.username}）
              </Descriptions.Item>
              <Descriptions.Item label="所在单位">{me.unit.name}</Descriptions.Item>
              <Descriptions.Item label="行政区划">{me.region.name}</Descriptions.Item>
              <Descriptions.Item label="角色">
                <Space wrap>
                  {me.roles.length === 0 && <Typography.Text type="secondary">未分配角色</Typography.Text>}
                  {me.roles.map((r) => (
                    <Tag key={r.code} color="red">
                      {r.name} · 数据范围：{r.dataScopeLabel}
                    </Tag>
                  ))}
                </Space>
              </Descriptions.Item>
              <Descriptions.Item label="数据范围">{me.dataScope?.label ?? '无'}</Descriptions.Item>
              <Descriptions.Item label="双因素认证">{me.totpEnabled ? '已启用' : '未启用'}</Descriptions.Item>
            </Descriptions>
          </Card>
          <Card title="我的权限" style={{ marginTop: 16 }}>
            {me.permissions.length === 0 ? (
              <Empty description="暂无权限" />
            ) : (
              <Space wrap data-testid="my-permissions">
                {me.permissions.map((p) => (
                  <Tag key={p}>{PERMISSION_LABELS[p] ?? p}</Tag>
                ))}
              </Space>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card
            title="可见的组织机构"
            extra={canSeeUnits && !loading ? <span data-testid="unit-count">共 {count} 个单位</span> : null}
          >
            {!canSeeUnits ? (
              <Typography.Text type="secondary">
                您的角色不含查看单位的权限，仅可见本单位：{me.unit.name}
              </Typography.Text>
            ) : loading ? (
              <Spin />
            ) : tree.length === 0 ? (
              <Empty description="数据范围内没有单位" />
            ) : (
              <div style={{ maxHeight: 520, overflow: 'auto' }}>
                <Tree
                  treeData={toTreeData(tree)}
                  defaultExpandedKeys={tree.map((n) => n.id)}
                  selectable={false}
                  showLine
                />
              </div>
            )}
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
