// 单位管理: the units in scope, filtered by a subtree, name/code, type; create, edit, move, disable.
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Col,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Row,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Tree,
  TreeSelect,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { api, errorMessage } from '../../api';
import { useAuth } from '../../auth';
import { reportSaveError } from '../../components/saveError';
import { toTreeData, useUnitTree } from '../../components/units';
import { usePagedList } from '../../components/usePagedList';
import type { CodeLabel, Unit } from '../../types';
import { MoveUnitModal } from './MoveUnitModal';

interface UnitForm {
  parentId?: string;
  regionCode?: string;
  name: string;
  type: string;
  code?: string;
  sort?: number;
}

export function useUnitTypes() {
  const [types, setTypes] = useState<CodeLabel[]>([]);
  useEffect(() => {
    api
      .get<CodeLabel[]>('/api/unit-types')
      .then(setTypes)
      .catch(() => setTypes([]));
  }, []);
  return types;
}

export default function UnitsPage() {
  const { me, can } = useAuth();
  const canEdit = can('org:unit:edit');
  // Only a whole-region scope may add a top-level unit (one without a parent) to a region.
  const wholeScope = me?.roles.some((r) => r.dataScope === 'all') ?? false;
  const [regions, setRegions] = useState<Array<{ code: string; name: string; levelLabel: string }>>([]);
  const { message } = App.useApp();
  const types = useUnitTypes();
  const { tree, reload: reloadTree } = useUnitTree();
  const [under, setUnder] = useState<string | undefined>();
  const [q, setQ] = useState('');
  const [type, setType] = useState<string | undefined>();
  const [includeDisabled, setIncludeDisabled] = useState(false);
  const { data, loading, load, setPage, pagination } = usePagedList<Unit>('/api/units', {
    q,
    type,
    under,
    includeDisabled,
  });
  const [editing, setEditing] = useState<Unit | 'new' | null>(null);
  const [moving, setMoving] = useState<Unit | null>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<UnitForm>();

  const openCreate = () => {
    form.resetFields();
    form.setFieldsValue({ parentId: under, sort: 0, regionCode: me?.region.code });
    if (wholeScope && regions.length === 0)
      api
        .get<Array<{ code: string; name: string; levelLabel: string }>>('/api/regions')
        .then(setRegions)
        .catch(() => setRegions([]));
    setEditing('new');
  };
  const parentId = Form.useWatch('parentId', form);
  const openEdit = (u: Unit) => {
    form.resetFields();
    form.setFieldsValue({ name: u.name, type: u.type, code: u.code ?? '', sort: u.sort });
    setEditing(u);
  };

  const save = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      if (editing === 'new') {
        await api.post('/api/units', {
          parentId: v.parentId ?? null,
          ...(!v.parentId && v.regionCode ? { regionCode: v.regionCode } : {}),
          name: v.name,
          type: v.type,
          code: v.code?.trim() ? v.code.trim() : null,
          sort: v.sort ?? 0,
        });
        message.success('单位已新增');
      } else if (editing) {
        await api.patch(`/api/units/${editing.id}`, {
          name: v.name,
          type: v.type,
          code: v.code?.trim() ? v.code.trim() : null,
          sort: v.sort ?? 0,
          version: editing.version,
        });
        message.success('单位已保存');
      }
      setEditing(null);
      void reloadTree();
      await load();
    } catch (e) {
      await reportSaveError(e, {
        message,
        form,
        onStale: async () => {
          setEditing(null);
          await load();
        },
      });
    } finally {
      setSaving(false);
    }
  };

  const toggle = async (u: Unit) => {
    try {
      await api.patch(`/api/units/${u.id}`, { disabled: !u.disabled, version: u.version });
      message.success(u.disabled ? `已启用「${u.name}」` : `已停用「${u.name}」`);
      void reloadTree();
    } catch (e) {
      message.error(errorMessage(e));
    }
    await load();
  };

  const columns = [
    {
      title: '单位名称',
      dataIndex: 'name',
      render: (name: string, u: Unit) => <Link to={`/org/units/${u.id}`}>{name}</Link>,
    },
    { title: '类型', dataIndex: 'typeLabel', width: 150 },
    { title: '上级单位', dataIndex: 'parentName', render: (v: string | null) => v ?? '—' },
    { title: '单位代码', dataIndex: 'code', width: 120, render: (v: string | null) => v || '—' },
    { title: '排序', dataIndex: 'sort', width: 70 },
    {
      title: '状态',
      dataIndex: 'disabled',
      width: 80,
      render: (d: boolean) => (d ? <Tag>已停用</Tag> : <Tag color="green">正常</Tag>),
    },
    ...(canEdit
      ? [
          {
            title: '操作',
            key: 'actions',
            width: 200,
            render: (_: unknown, u: Unit) => {
              // One's own unit cannot be disabled, nor moved without a scope reaching beyond it.
              const own = u.id === me?.unit.id;
              return (
                <Space>
                  <Typography.Link onClick={() => openEdit(u)}>编辑</Typography.Link>
                  {!u.disabled && (!own || wholeScope) && (
                    <Typography.Link onClick={() => setMoving(u)} data-testid={`move-unit-${u.id}`}>
                      调整上级
                    </Typography.Link>
                  )}
                  {!own && (
                    <Popconfirm
                      title={u.disabled ? `启用单位「${u.name}」？` : `停用单位「${u.name}」？`}
                      description={u.disabled ? undefined : '停用后该单位的用户将无法登录。'}
                      okText={u.disabled ? '启用' : '停用'}
                      cancelText="取消"
                      okButtonProps={{ danger: !u.disabled }}
                      onConfirm={() => toggle(u)}
                    >
                      <Typography.Link type={u.disabled ? undefined : 'danger'}>
                        {u.disabled ? '启用' : '停用'}
                      </Typography.Link>
                    </Popconfirm>
                  )}
                </Space>
              );
            },
          },
        ]
      : []),
  ];

  return (
    <Row gutter={16}>
      <Col xs={24} lg={6}>
        <Card title="组织机构" size="small" styles={{ body: { maxHeight: 640, overflow: 'auto' } }}>
          <Tree
            treeData={toTreeData(tree)}
            selectedKeys={under ? [under] : []}
            defaultExpandedKeys={tree.map((n) => n.id)}
            key={tree.length}
            onSelect={(keys) => {
              setUnder(keys[0] ? String(keys[0]) : undefined);
              setPage(1);
            }}
          />
        </Card>
      </Col>
      <Col xs={24} lg={18}>
        <Card
          title="单位管理"
          extra={
            canEdit && (
              <Button type="primary" icon={<PlusOutlined />} onClick={openCreate}>
                新增单位
              </Button>
            )
          }
        >
          <Space wrap style={{ marginBottom: 16 }}>
            <Input.Search
              placeholder="单位名称或代码"
              allowClear
              aria-label="搜索单位"
              style={{ width: 240 }}
              onSearch={(v) => {
                setQ(v.trim());
                setPage(1);
              }}
            />
            <Select
              placeholder="单位类型"
              allowClear
              aria-label="单位类型"
              style={{ width: 180 }}
              value={type}
              options={types.map((t) => ({ value: t.code, label: t.label }))}
              onChange={(v) => {
                setType(v);
                setPage(1);
              }}
            />
            <Space>
              <Switch
                checked={includeDisabled}
                aria-label="含已停用"
                onChange={(v) => {
                  setIncludeDisabled(v);
                  setPage(1);
                }}
              />
              <span>含已停用</span>
            </Space>
            {under && (
              <Button onClick={() => setUnder(undefined)} size="small">
                清除单位筛选
              </Button>
            )}
            <Button icon={<ReloadOutlined />} onClick={() => void load()}>
              刷新
            </Button>
          </Space>
          <Table<Unit>
            rowKey="id"
            size="middle"
            loading={loading}
            columns={columns}
            dataSource={data.items}
            pagination={pagination}
          />
        </Card>
      </Col>
      {moving && (
        <MoveUnitModal
          unit={moving}
          tree={tree}
          wholeScope={wholeScope}
          onClose={() => setMoving(null)}
          onMoved={() => {
            setMoving(null);
            void reloadTree();
            void load();
          }}
        />
      )}
      <Modal
        title={editing === 'new' ? '新增单位' : '编辑单位'}
        open={editing !== null}
        onCancel={() => setEditing(null)}
        onOk={save}
        confirmLoading={saving}
        okText="保存"
        cancelText="取消"
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false}>
          {editing === 'new' && (
            <Form.Item
              label="上级单位"
              name="parentId"
              rules={[{ required: !wholeScope, message: '请选择上级单位' }]}
              extra={wholeScope ? '不选上级单位则新增为所选行政区划下的顶级单位。' : undefined}
            >
              <TreeSelect
                treeData={toTreeData(tree)}
                showSearch={{ treeNodeFilterProp: 'title' }}
                placeholder="请选择上级单位"
                allowClear
              />
            </Form.Item>
          )}
          {editing === 'new' && wholeScope && !parentId && (
            <Form.Item
              label="行政区划"
              name="regionCode"
              rules={[{ required: true, message: '请选择行政区划' }]}
            >
              <Select
                options={regions.map((r) => ({ value: r.code, label: `${r.name}（${r.levelLabel}）` }))}
                placeholder="请选择行政区划"
              />
            </Form.Item>
          )}
          <Form.Item
            label="单位名称"
            name="name"
            rules={[
              { required: true, whitespace: true, message: '请输入单位名称' },
              { max: 60, message: '单位名称不能超过 60 个字符' },
            ]}
          >
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item label="单位类型" name="type" rules={[{ required: true, message: '请选择单位类型' }]}>
            <Select
              options={types.map((t) => ({ value: t.code, label: t.label }))}
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="请选择单位类型"
            />
          </Form.Item>
          <Form.Item
            label="单位代码"
            name="code"
            rules={[{ max: 32, message: '单位代码不能超过 32 个字符' }]}
          >
            <Input maxLength={32} placeholder="如统一社会信用代码，可不填" />
          </Form.Item>
          <Form.Item label="排序" name="sort">
            <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      </Modal>
    </Row>
  );
}
