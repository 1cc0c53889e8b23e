// 全部待办: every record in scope whose deadline is near (临期) or past (超期), filtered by ledger,
// state and unit (the filters live in the address, so a link can open a filtered list).
import { Card, Result, Select, Space, Table, Tag, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { recordLink, type Todo, type TodoItem, useFetched } from '../home/todo-types';

const STATUS_OPTIONS = [
  { value: 'overdue', label: '超期' },
  { value: 'due_soon', label: '临期' },
];

export default function TodoPage() {
  const { data, error } = useFetched<Todo>('/api/todo');
  const [params, setParams] = useSearchParams();
  const ledger = params.get('ledger') ?? undefined;
  const status = params.get('status') ?? undefined;
  const unit = params.get('unit') ?? undefined;
  const page = Number(params.get('page') ?? 1) || 1;
  const set = (k: string, v: string | undefined) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (v) next.set(k, v);
        else next.delete(k);
        if (k !== 'page') next.delete('page');
        return next;
      },
      { replace: true },
    );

  if (error) return <Result status="error" title={error} />;
  const all = data?.items ?? [];
  const items = all.filter(
    (i) =>
      (!ledger || i.ledger === ledger) && (!status || i.status === status) && (!unit || i.unitName === unit),
  );
  const ledgerOptions = [...new Map(all.map((i) => [i.ledger, i.ledgerTitle])).entries()].map(
    ([value, label]) => ({
      value,
      label,
    }),
  );
  const unitOptions = [...new Set(all.map((i) => i.unitName))].map((u) => ({ value: u, label: u }));

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        全部待办
      </Typography.Title>
      <Typography.Text type="secondary">
        数据范围内法定期限 3 个工作日内到期（临期）或已过（超期）的记录；办结后自动移出。
      </Typography.Text>
      <Card size="small">
        <Space wrap>
          <Select
            aria-label="台账"
            data-testid="todo-filter-ledger"
            allowClear
            placeholder="全部台账"
            value={ledger}
            options={ledgerOptions}
            onChange={(v: string | undefined) => set('ledger', v)}
            style={{ width: 200 }}
          />
          <Select
            aria-label="状态"
            data-testid="todo-filter-status"
            allowClear
            placeholder="临期和超期"
            value={status}
            options={STATUS_OPTIONS}
            onChange={(v: string | undefined) => set('status', v)}
            style={{ width: 140 }}
          />
          <Select
            aria-label="单位"
            data-testid="todo-filter-unit"
            allowClear
            showSearch
            placeholder="全部单位"
            value={unit}
            options={unitOptions}
            onChange={(v: string | undefined) => set('unit', v)}
            style={{ width: 220 }}
          />
        </Space>
      </Card>
      <Card size="small">
        <Table<TodoItem>
          size="small"
          data-testid="todo-table"
          loading={!data}
          rowKey={(i) => `${i.ledger}:${i.recordId}:${i.deadline}`}
          dataSource={items}
          pagination={{
            current: page,
            pageSize: 20,
            showSizeChanger: false,
            showTotal: (t) => `共 ${t} 件`,
            onChange: (p) => set('page', p > 1 ? String(p) : undefined),
          }}
          columns={[
            {
              title: '状态',
              key: 'status',
              width: 80,
              render: (_, i) => (
                <Tag color={i.status === 'overdue' ? 'red' : 'orange'}>
                  {i.status === 'overdue' ? '超期' : '临期'}
                </Tag>
              ),
            },
            { title: '台账', dataIndex: 'ledgerTitle', width: 140 },
            {
              title: '记录',
              key: 'title',
              render: (_, i) => <Link to={recordLink(i)}>{i.title}</Link>,
            },
            { title: '期限', dataIndex: 'deadline', width: 160 },
            { title: '到期日', dataIndex: 'due', width: 110 },
            { title: '剩余', dataIndex: 'statusLabel', width: 140 },
            { title: '单位', dataIndex: 'unitName', width: 180 },
          ]}
        />
      </Card>
    </Space>
  );
}
