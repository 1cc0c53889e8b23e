// 审计日志: read-only, filtered, server-paginated; each row expands to its field changes.
import { SafetyCertificateOutlined, SearchOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { api, errorMessage } from '../../api';
import { usePagedList } from '../../components/usePagedList';
import { actionLabel, ENTITY_TYPE_LABELS, fieldLabel } from '../../labels';
import type { AuditRecord } from '../../types';

interface Filters {
  user?: string;
  unit?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

interface Verify {
  checked: number;
  broken: {
    seq: number;
    id: string | null;
    reason: string;
    kind: 'record' | 'truncated' | 'checkpoint';
  } | null;
  checkpoint: { seq: number; at: string } | null;
}

function verifyText(v: Verify): string {
  if (v.broken?.kind === 'record')
    return `第 ${v.broken.seq} 条被篡改：${v.broken.reason}（此前 ${v.checked} 条完好）`;
  // A truncation or a changed checkpoint file is about the chain as a whole, not one record.
  if (v.broken) return `${v.broken.reason}（逐条校验的 ${v.checked} 条完好）`;
  return v.checkpoint
    ? `哈希链完好，共 ${v.checked} 条，不短于检查点（第 ${v.checkpoint.seq} 条）`
    : `哈希链完好，共 ${v.checked} 条；未找到审计检查点，无法判断末尾是否被删除`;
}

function show(v: unknown): string {
  if (v === null || v === undefined) return '（空）';
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

function isDiff(changes: unknown): changes is Record<string, { before: unknown; after: unknown }> {
  if (!changes || typeof changes !== 'object' || Array.isArray(changes)) return false;
  const values = Object.values(changes as Record<string, unknown>);
  return (
    values.length > 0 &&
    values.every((x) => x !== null && typeof x === 'object' && 'before' in x && 'after' in x)
  );
}

/** Words for the details of records that are not field changes (counts, pages, sessions). */
const DETAIL_LABELS: Record<string, string> = {
  session: '会话标识',
  rows: '导出行数',
  inClear: '含原文的行数',
  count: '条数',
  page: '页码',
};

function detailsText(details: Record<string, unknown>): string {
  return Object.entries(details)
    .map(([k, v]) => `${DETAIL_LABELS[k] ?? fieldLabel(k)}：${show(v)}`)
    .join('　');
}

export function Changes({ record }: { record: AuditRecord }) {
  const { changes } = record;
  const labelOf = (f: string) => record.fieldLabels?.[f] ?? fieldLabel(f);
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="audit-changes">
      {changes === null ? (
        <Typography.Text type="secondary">无字段变更</Typography.Text>
      ) : isDiff(changes) ? (
        <Table
          size="small"
          pagination={false}
          rowKey="field"
          dataSource={Object.entries(changes).map(([field, c]) => ({ field, ...c }))}
          columns={[
            { title: '字段', dataIndex: 'field', width: 220, render: (f: string) => labelOf(f) },
            {
              title: '修改前',
              dataIndex: 'before',
              render: (v: unknown) => <Typography.Text delete={v !== null}>{show(v)}</Typography.Text>,
            },
            {
              title: '修改后',
              dataIndex: 'after',
              render: (v: unknown) => <Typography.Text strong>{show(v)}</Typography.Text>,
            },
          ]}
        />
      ) : typeof changes === 'object' && !Array.isArray(changes) ? (
        <Typography.Text data-testid="audit-details">
          {detailsText(changes as Record<string, unknown>)}
        </Typography.Text>
      ) : (
        <pre style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{JSON.stringify(changes, null, 2)}</pre>
      )}
      {record.viewCount != null && (
        <Typography.Text data-testid="audit-view-count">
          本会话内同类查看共 {record.viewCount} 次（只记第一次，其后计数）
        </Typography.Text>
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        IP：{record.ip ?? '—'}　客户端：{record.userAgent ?? '—'}　哈希：{record.hash}
      </Typography.Text>
    </Space>
  );
}

export default function AuditPage() {
  const { message } = App.useApp();
  const [form] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>({});
  const [from, to] = filters.range ?? [];
  const { data, loading, setPage, pagination } = usePagedList<AuditRecord>('/api/audit', {
    user: filters.user?.trim(),
    unit: filters.unit?.trim(),
    action: filters.action,
    entityType: filters.entityType,
    entityId: filters.entityId?.trim(),
    // Local (Beijing) day boundaries, sent as UTC instants to match the stored times.
    from: from?.startOf('day').toISOString(),
    to: to?.endOf('day').toISOString(),
  });
  const [actions, setActions] = useState<string[]>([]);
  const [verify, setVerify] = useState<Verify | null>(null);
  const [verifying, setVerifying] = useState(false);

  useEffect(() => {
    api
      .get<string[]>('/api/audit/actions')
      .then(setActions)
      .catch(() => setActions([]));
  }, []);

  const runVerify = async () => {
    setVerifying(true);
    try {
      setVerify(await api.get<Verify>('/api/audit/verify'));
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setVerifying(false);
    }
  };

  const columns = [
    { title: '序号', dataIndex: 'seq', width: 80 },
    {
      title: '时间',
      dataIndex: 'at',
      width: 170,
      render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm:ss'),
    },
    { title: '用户', dataIndex: 'username', width: 130, render: (v: string | null) => v ?? '—' },
    { title: '单位', dataIndex: 'unitName', render: (v: string | null) => v ?? '—' },
    { title: '操作', dataIndex: 'action', render: (v: string) => <Tag>{actionLabel(v)}</Tag> },
    {
      title: '对象',
      key: 'entity',
      render: (_: unknown, r: AuditRecord) =>
        r.entityLabel ? (
          <span data-testid="audit-entity">
            {r.entityLabel}
            {r.viewCount != null && r.viewCount > 1 && (
              <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 6 }}>
                共 {r.viewCount} 次
              </Typography.Text>
            )}
          </span>
        ) : r.entityType ? (
          <span>
            {ENTITY_TYPE_LABELS[r.entityType] ?? r.entityType}
            <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 6 }}>
              {r.entityId}
            </Typography.Text>
          </span>
        ) : (
          '—'
        ),
    },
    { title: 'IP', dataIndex: 'ip', width: 130, render: (v: string | null) => v ?? '—' },
  ];

  return (
    <Card
      title="审计日志"
      extra={
        <Button icon={<SafetyCertificateOutlined />} onClick={runVerify} loading={verifying}>
          校验哈希链
        </Button>
      }
    >
      {verify && (
        <Alert
          style={{ marginBottom: 16 }}
          showIcon
          closable={{ onClose: () => setVerify(null) }}
          type={verify.broken ? 'error' : 'success'}
          data-testid="verify-result"
          title={verifyText(verify)}
        />
      )}
      <Form
        form={form}
        layout="inline"
        style={{ marginBottom: 16, rowGap: 8 }}
        onFinish={(v) => {
          setFilters(v);
          setPage(1);
        }}
      >
        <Form.Item label="用户" name="user">
          <Input placeholder="用户名" allowClear style={{ width: 130 }} />
        </Form.Item>
        <Form.Item label="单位" name="unit">
          <Input placeholder="单位名称" allowClear style={{ width: 150 }} />
        </Form.Item>
        <Form.Item label="操作" name="action">
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="全部操作"
            style={{ width: 220 }}
            options={actions.map((a) => ({ value: a, label: actionLabel(a) }))}
          />
        </Form.Item>
        <Form.Item label="对象类型" name="entityType">
          <Select
            allowClear
            placeholder="全部"
            style={{ width: 110 }}
            options={Object.entries(ENTITY_TYPE_LABELS).map(([value, label]) => ({ value, label }))}
          />
        </Form.Item>
        <Form.Item label="对象 ID" name="entityId">
          <Input allowClear style={{ width: 150 }} />
        </Form.Item>
        <Form.Item label="日期" name="range">
          <DatePicker.RangePicker allowEmpty={[true, true]} />
        </Form.Item>
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
              查询
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                setFilters({});
                setPage(1);
              }}
            >
              重置
            </Button>
          </Space>
        </Form.Item>
      </Form>
      <Table<AuditRecord>
        rowKey="id"
        size="middle"
        loading={loading}
        columns={columns}
        dataSource={data.items}
        expandable={{ expandedRowRender: (r) => <Changes record={r} /> }}
        pagination={pagination}
      />
    </Card>
  );
}
