// One page for every ledger, driven by its definition: filters, the list (server paging and sorting),
// the form, import/export, the ledger's indicators and the drill-down from any figure.
import {
  DeleteOutlined,
  DownloadOutlined,
  EditOutlined,
  EyeOutlined,
  FileExcelOutlined,
  PlusOutlined,
  ReloadOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Input,
  Popconfirm,
  Result,
  Select,
  Space,
  Table,
  Tag,
  TreeSelect,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { SortOrder } from 'antd/es/table/interface';
import dayjs from 'dayjs';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { api, errorMessage, qs } from '../../api';
import { useAuth } from '../../auth';
import { Loading } from '../../components/Loading';
import { countNodes, toTreeData, useUnitTree } from '../../components/units';
import type { Page } from '../../types';
import { displayValue, type LedgerMeta, type LedgerRecordDto, useDataYear, useLedgers } from './common';
import { ImportModal } from './ImportModal';
import { type DrillDown, IndicatorStrip } from './IndicatorStrip';
import { LedgerKeptNote } from './LedgerKeptNote';
import { type DrawerMode, RecordDrawer } from './RecordDrawer';

/** Query parameters of the list that the export and the list share. */
function listQuery(params: URLSearchParams, withPaging: boolean): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  const keys = ['unit', 'subtree', 'q', 'from', 'to', 'measure', 'periodFrom', 'periodTo'];
  if (withPaging) keys.push('sort', 'order', 'page', 'pageSize');
  for (const k of keys) out[k] = params.get(k) ?? undefined;
  for (const [k, v] of params) if (k.startsWith('f.')) out[k] = v;
  if (out.unit && !out.subtree) out.subtree = 'false';
  return out;
}

export default function LedgerPage() {
  const { key = '' } = useParams();
  const { ledgers, loading, error } = useLedgers();
  const def = ledgers.find((l) => l.key === key);
  if (loading) return <Loading />;
  if (error) return <Result status="error" title={error} />;
  if (!def)
    return (
      <Result
        status="404"
        title="没有这个台账"
        extra={
          <Link to="/ledgers">
            <Button>返回业务台账</Button>
          </Link>
        }
      />
    );
  return <LedgerView key={def.key} def={def} />;
}

function LedgerView({ def }: { def: LedgerMeta }) {
  const { can, me } = useAuth();
  const canEdit = can('ledger:edit');
  // 新增 and 导入 only where a unit within scope keeps the ledger; editing what exists stays possible.
  const canCreate = canEdit && def.canCreate;
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const { tree } = useUnitTree(can('org:unit:read'));
  const treeData = useMemo(() => toTreeData(tree), [tree]);
  const showUnit = countNodes(tree) > 1;
  const dataYear = useDataYear();
  const [data, setData] = useState<Page<LedgerRecordDto>>({ total: 0, items: [] });
  const [listLoading, setListLoading] = useState(false);
  const [listError, setListError] = useState<string | null>(null);
  const [drawer, setDrawer] = useState<DrawerMode | null>(null);
  const [importing, setImporting] = useState(false);
  const [reloadKey, setReloadKey] = useState(0);
  const [keyword, setKeyword] = useState(params.get('q') ?? '');

  const page = Number(params.get('page') ?? 1) || 1;
  const pageSize = Number(params.get('pageSize') ?? 20) || 20;
  const sort = params.get('sort');
  const order = params.get('order');
  const unit = params.get('unit') ?? undefined;
  const subtree = params.get('subtree') !== 'false';
  const measure = params.get('measure');
  const recordParam = params.get('record');
  const year = Number(params.get('year')) || dataYear || new Date().getFullYear();
  const queryString = params.toString();

  /** Changes some parameters; any filter change goes back to page 1. */
  const update = useCallback(
    (changes: Record<string, string | null | undefined>, keepPage = false) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(changes)) {
            if (v === null || v === undefined || v === '') next.delete(k);
            else next.set(k, v);
          }
          if (!keepPage) next.delete('page');
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );

  // The drawer follows ?record=<id> so that a record has its own address (to-do list, links).
  useEffect(() => {
    if (recordParam) setDrawer({ kind: 'edit', id: recordParam });
  }, [recordParam]);

  const load = useCallback(async () => {
    setListLoading(true);
    try {
      const q = listQuery(new URLSearchParams(queryString), true);
      const res = await api.get<Page<LedgerRecordDto>>(
        `/api/ledgers/${def.key}/records${qs({ ...q, subtree: q.unit ? (q.subtree ?? 'true') : undefined, page: String(page), pageSize: String(pageSize) })}`,
      );
      setData(res);
      setListError(null);
    } catch (e) {
      setListError(errorMessage(e));
      setData({ total: 0, items: [] });
    } finally {
      setListLoading(false);
    }
  }, [def.key, queryString, page, pageSize]);

  useEffect(() => {
    void load();
  }, [load]);

  const refresh = () => {
    void load();
    setReloadKey((k) => k + 1);
  };

  const remove = async (r: LedgerRecordDto) => {
    try {
      await api.delete(`/api/ledgers/${def.key}/records/${r.id}${qs({ version: r.version })}`);
      message.success('已删除');
      refresh();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  const sortable = (name: string) =>
    name === def.sortBy || def.fields.some((f) => f.name === name && (f.list || f.filter));
  const activeSort = sort ?? def.sortBy;
  const activeOrder: SortOrder = order === 'asc' ? 'ascend' : 'descend';

  const listFields = def.fields.filter((f) => f.list);
  const columns: ColumnsType<LedgerRecordDto> = [
    ...listFields.map((f): ColumnsType<LedgerRecordDto>[number] => ({
      key: f.name,
      title: f.label,
      dataIndex: ['values', f.name],
      ellipsis: f.type === 'text' || f.type === 'longtext',
      sorter: sortable(f.name),
      sortOrder: activeSort === f.name ? activeOrder : null,
      sortDirections: ['descend' as const, 'ascend' as const],
      align: (['int', 'decimal', 'money'].includes(f.type) ? 'right' : 'left') as 'right' | 'left',
      render: (_: unknown, r: LedgerRecordDto) => displayValue(f, r.values[f.name]),
    })),
    { key: '__unit', title: '填报单位', dataIndex: 'unitName', ellipsis: true },
    {
      key: '__actions',
      title: '操作',
      // Pinned to the right so that 编辑/删除 stay in view however many columns scroll.
      fixed: 'right',
      width: canEdit ? 150 : 80,
      render: (_: unknown, r: LedgerRecordDto) => (
        <Space size={4}>
          {canEdit ? (
            <Button
              type="link"
              size="small"
              icon={<EditOutlined />}
              onClick={() => update({ record: r.id }, true)}
            >
              编辑
            </Button>
          ) : (
            <Button
              type="link"
              size="small"
              icon={<EyeOutlined />}
              onClick={() => update({ record: r.id }, true)}
            >
              查看
            </Button>
          )}
          {canEdit && (
            <Popconfirm
              title="删除这条记录？"
              description="删除后指标随之更新。"
              okText="删除"
              cancelText="取消"
              okButtonProps={{ danger: true }}
              onConfirm={() => remove(r)}
            >
              <Button type="link" size="small" danger icon={<DeleteOutlined />}>
                删除
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  const filterFields = def.fields.filter((f) => f.filter && (f.type === 'dict' || f.type === 'bool'));
  const exportUrl = `/api/ledgers/${def.key}/export.xlsx${qs(listQuery(params, false))}`;
  const sortLabel = def.fields.find((f) => f.name === def.sortBy)?.label ?? '日期';
  const drillMeasure = measure ? def.measures.find((m) => m.id === measure) : null;
  const periodFrom = params.get('periodFrom');
  const periodTo = params.get('periodTo');

  const onDrill = (d: DrillDown) =>
    update({ measure: d.measure, periodFrom: d.periodFrom ?? null, periodTo: d.periodTo });

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 16 }}>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {def.title}
          </Typography.Title>
          <Typography.Text type="secondary">{def.description}</Typography.Text>
        </div>
        <Space wrap>
          {canCreate && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setDrawer({ kind: 'new' })}
              data-testid="ledger-new"
            >
              新增
            </Button>
          )}
          {canCreate && (
            <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="ledger-import">
              导入
            </Button>
          )}
          {canEdit && (
            <Button icon={<FileExcelOutlined />} href={`/api/ledgers/${def.key}/template.xlsx`}>
              下载模板
            </Button>
          )}
          <Button icon={<DownloadOutlined />} href={exportUrl} data-testid="export">
            导出
          </Button>
        </Space>
      </div>

      <LedgerKeptNote def={def} />

      <IndicatorStrip
        def={def}
        year={year}
        unit={unit}
        subtree={subtree}
        reloadKey={reloadKey}
        onYear={(y) => update({ year: String(y) }, true)}
        onDrill={onDrill}
      />

      <Card size="small">
        <Space wrap>
          <Input.Search
            aria-label="关键词"
            placeholder={
              can('pii:read') || canEdit
                ? '关键词、姓名（从首字起）、完整证件号或电话'
                : '关键词（姓名等个人信息不参与检索）'
            }
            allowClear
            value={keyword}
            onChange={(e) => setKeyword(e.target.value)}
            onSearch={(v) => update({ q: v.trim() })}
            style={{ width: 260 }}
          />
          {filterFields.map((f) => (
            <Select
              key={f.name}
              aria-label={f.label}
              data-testid={`filter-${f.name}`}
              allowClear
              placeholder={f.label}
              value={params.get(`f.${f.name}`) ?? undefined}
              onChange={(v: string | undefined) => update({ [`f.${f.name}`]: v })}
              options={
                f.type === 'bool'
                  ? [
                      { value: 'true', label: `${f.label}：是` },
                      { value: 'false', label: `${f.label}：否` },
                    ]
                  : (f.options ?? []).map((o) => ({ value: o, label: o }))
              }
              popupMatchSelectWidth={false}
              style={{ minWidth: 140 }}
            />
          ))}
          <DatePicker.RangePicker
            aria-label={sortLabel}
            placeholder={[`${sortLabel}起`, '止']}
            value={[
              params.get('from') ? dayjs(params.get('from')) : null,
              params.get('to') ? dayjs(params.get('to')) : null,
            ]}
            allowEmpty={[true, true]}
            onChange={(v) =>
              update({ from: v?.[0]?.format('YYYY-MM-DD') ?? null, to: v?.[1]?.format('YYYY-MM-DD') ?? null })
            }
          />
          {showUnit && (
            <>
              <TreeSelect
                aria-label="单位"
                allowClear
                showSearch
                treeNodeFilterProp="title"
                placeholder="全部单位"
                treeData={treeData}
                value={unit}
                onChange={(v?: string) => update({ unit: v ?? null })}
                style={{ width: 240 }}
                treeDefaultExpandedKeys={tree.map((n) => n.id)}
              />
              <Checkbox
                checked={subtree}
                onChange={(e) => update({ subtree: e.target.checked ? null : 'false' })}
              >
                含下级
              </Checkbox>
            </>
          )}
          <Button icon={<ReloadOutlined />} onClick={refresh}>
            刷新
          </Button>
        </Space>
        {measure && (
          <div style={{ marginTop: 12 }}>
            <Tag
              color="volcano"
              closable
              data-testid="drill-tag"
              onClose={(e) => {
                e.preventDefault();
                update({ measure: null, periodFrom: null, periodTo: null });
              }}
            >
              指标下钻：{drillMeasure?.label ?? measure}{' '}
              {periodFrom ? `${periodFrom} 至 ${periodTo ?? ''}` : `截至 ${periodTo ?? ''}`}
            </Tag>
            <Button
              size="small"
              type="link"
              onClick={() => update({ measure: null, periodFrom: null, periodTo: null })}
            >
              清除下钻
            </Button>
          </div>
        )}
      </Card>

      <Card size="small">
        <div style={{ marginBottom: 8 }}>
          <Typography.Text type="secondary" data-testid="list-total">
            {data.totalExact === false ? `超过 ${data.total} 条，请缩小筛选范围` : `共 ${data.total} 条`}
          </Typography.Text>
        </div>
        {data.hint && (
          <Typography.Text
            type="secondary"
            style={{ display: 'block', marginBottom: 8 }}
            data-testid="search-hint"
          >
            {data.hint}
          </Typography.Text>
        )}
        {listError && (
          <Typography.Text type="danger" style={{ display: 'block', marginBottom: 8 }}>
            {listError}
          </Typography.Text>
        )}
        <Table<LedgerRecordDto>
          rowKey="id"
          size="middle"
          data-testid="ledger-table"
          loading={listLoading}
          columns={columns}
          dataSource={data.items}
          scroll={{ x: 'max-content' }}
          pagination={{
            current: page,
            pageSize,
            total: data.total,
            showSizeChanger: true,
            showTotal: (t) => `共 ${t} 条`,
          }}
          onChange={(p, _filters, sorter) => {
            const s = Array.isArray(sorter) ? sorter[0] : sorter;
            const field = s?.order ? String(s.columnKey) : null;
            const changes: Record<string, string | null> = {
              page: String(p.current ?? 1),
              pageSize: String(p.pageSize ?? 20),
              sort: field && field !== def.sortBy ? field : field === def.sortBy ? def.sortBy : null,
              order: s?.order === 'ascend' ? 'asc' : s?.order === 'descend' ? 'desc' : null,
            };
            update(changes, true);
          }}
        />
      </Card>

      <RecordDrawer
        def={def}
        mode={drawer}
        canEdit={canEdit}
        unitTree={treeData}
        showUnit={showUnit}
        onClose={() => {
          setDrawer(null);
          if (recordParam) update({ record: null }, true);
        }}
        onSaved={() => {
          setDrawer(null);
          if (recordParam) update({ record: null }, true);
          refresh();
        }}
      />
      {canEdit && (
        <ImportModal
          def={def}
          open={importing}
          unitTree={treeData}
          showUnit={showUnit && !!me}
          onClose={() => setImporting(false)}
          onImported={refresh}
        />
      )}
    </Space>
  );
}
