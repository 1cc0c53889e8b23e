// 角色与权限: built-in roles (read-only) and custom roles with a data scope and permission set.
import { PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Form,
  Input,
  Modal,
  Popconfirm,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api, errorMessage } from '../../api';
import { useAuth } from '../../auth';
import { reportSaveError } from '../../components/saveError';
import {
  DATA_SCOPE_LABELS,
  DUTY_LABELS,
  PERMISSION_GROUPS,
  PERMISSION_LABELS,
  permissionGroup,
} from '../../labels';
import type { PermissionCatalog, Role } from '../../types';

interface RoleForm {
  code: string;
  name: string;
  description?: string;
  dataScope: string;
  permissions: string[];
}

export default function RolesPage() {
  const { can } = useAuth();
  const canEdit = can('sec:role:edit');
  const { message } = App.useApp();
  const [roles, setRoles] = useState<Role[]>([]);
  const [catalog, setCatalog] = useState<PermissionCatalog | null>(null);
  const [loading, setLoading] = useState(false);
  const [editing, setEditing] = useState<Role | 'new' | null>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<RoleForm>();

  const label = (p: string) =>
    catalog?.permissions.find((x) => x.code === p)?.label ?? PERMISSION_LABELS[p] ?? p;

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setRoles(await api.get<Role[]>('/api/roles'));
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setLoading(false);
    }
  }, [message]);

  useEffect(() => {
    void load();
    api
      .get<PermissionCatalog>('/api/permissions')
      .then(setCatalog)
      .catch(() => setCatalog(null));
  }, [load]);

  const openCreate = () => {
    form.resetFields();
    form.setFieldsValue({ dataScope: 'unit', permissions: [] });
    setEditing('new');
  };
  const openEdit = (r: Role) => {
    form.resetFields();
    form.setFieldsValue({
      code: r.code,
      name: r.name,
      description: r.description,
      dataScope: r.dataScope,
      permissions: r.permissions,
    });
    setEditing(r);
  };

  const save = async () => {
    const v = await form.validateFields();
    setSaving(true);
    const body = {
      name: v.name.trim(),
      description: v.description?.trim() ?? '',
      dataScope: v.dataScope,
      permissions: v.permissions ?? [],
    };
    try {
      if (editing === 'new') {
        await api.post('/api/roles', { code: v.code.trim(), ...body });
        message.success('角色已新建');
      } else if (editing) {
        await api.patch(`/api/roles/${editing.id}`, { ...body, version: editing.version });
        message.success('角色已保存');
      }
      setEditing(null);
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

  const remove = async (r: Role) => {
    try {
      await api.delete(`/api/roles/${r.id}?version=${r.version}`);
      message.success(`角色「${r.name}」已删除`);
    } catch (e) {
      message.error(errorMessage(e));
    }
    await load();
  };

  const scopes =
    catalog?.dataScopes ?? Object.entries(DATA_SCOPE_LABELS).map(([code, l]) => ({ code, label: l }));
  const permissions =
    catalog?.permissions ?? Object.entries(PERMISSION_LABELS).map(([code, l]) => ({ code, label: l }));

  const columns = [
    {
      title: '角色',
      dataIndex: 'name',
      width: 180,
      render: (name: string, r: Role) => (
        <Space orientation="vertical" size={0}>
          <Space size={4}>
            <b>{name}</b>
            {r.builtin ? <Tag color="blue">内置</Tag> : <Tag color="cyan">自定义</Tag>}
          </Space>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.code}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: '管理员职责',
      dataIndex: 'duty',
      width: 110,
      render: (d: string | null) => (d ? <Tag color="volcano">{DUTY_LABELS[d] ?? d}</Tag> : '—'),
    },
    {
      title: '数据范围',
      dataIndex: 'dataScope',
      width: 110,
      render: (s: string) => DATA_SCOPE_LABELS[s] ?? s,
    },
    {
      title: '权限',
      dataIndex: 'permissions',
      render: (ps: string[]) => (
        <Space size={4} wrap>
          {ps.map((p) => (
            <Tag key={p}>{label(p)}</Tag>
          ))}
        </Space>
      ),
    },
    { title: '说明', dataIndex: 'description', width: 200 },
    { title: '用户数', dataIndex: 'userCount', width: 80 },
    ...(canEdit
      ? [
          {
            title: '操作',
            key: 'actions',
            width: 110,
            render: (_: unknown, r: Role) =>
              r.builtin ? (
                <Typography.Text type="secondary">只读</Typography.Text>
              ) : (
                <Space>
                  <Typography.Link onClick={() => openEdit(r)}>编辑</Typography.Link>
                  <Popconfirm
                    title={`删除角色「${r.name}」？`}
                    description="删除后不可恢复。"
                    okText="删除"
                    cancelText="取消"
                    okButtonProps={{ danger: true }}
                    onConfirm={() => remove(r)}
                  >
                    <Typography.Link type="danger">删除</Typography.Link>
                  </Popconfirm>
                </Space>
              ),
          },
        ]
      : []),
  ];

  return (
    <Card
      title="角色与权限"
      extra={
        canEdit && (
          <Button type="primary" icon={<PlusOutlined />} onClick={openCreate}>
            新建角色
          </Button>
        )
      }
    >
      <Table<Role>
        rowKey="id"
        size="middle"
        loading={loading}
        columns={columns}
        dataSource={roles}
        pagination={false}
      />
      <Modal
        title={editing === 'new' ? '新建角色' : '编辑角色'}
        open={editing !== null}
        onCancel={() => setEditing(null)}
        onOk={save}
        confirmLoading={saving}
        okText="保存"
        cancelText="取消"
        width={640}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false}>
          <Row gutter={16}>
            <Col span={12}>
              <Form.Item
                label="角色代码"
                name="code"
                rules={[
                  { required: true, message: '请输入角色代码' },
                  {
                    pattern: /^[a-z][a-z0-9_]{1,31}$/,
                    message: '角色代码须以小写字母开头，2–32 位小写字母、数字或下划线',
                  },
                ]}
              >
                <Input disabled={editing !== 'new'} maxLength={32} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item
                label="角色名称"
                name="name"
                rules={[
                  { required: true, whitespace: true, message: '请输入角色名称' },
                  { max: 40, message: '角色名称不能超过 40 个字符' },
                ]}
              >
                <Input maxLength={40} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item
            label="说明"
            name="description"
            rules={[{ max: 200, message: '说明不能超过 200 个字符' }]}
          >
            <Input.TextArea rows={2} maxLength={200} />
          </Form.Item>
          <Form.Item
            label="数据范围"
            name="dataScope"
            rules={[{ required: true, message: '请选择数据范围' }]}
          >
            <Select options={scopes.map((s) => ({ value: s.code, label: s.label }))} />
          </Form.Item>
          <Form.Item
            label="权限"
            name="permissions"
            extra="系统管理员、安全管理员、审计管理员的专属权限不能放在同一角色中。"
          >
            <Checkbox.Group style={{ width: '100%' }}>
              <Space orientation="vertical" style={{ width: '100%' }}>
                {PERMISSION_GROUPS.map((g) => {
                  const items = permissions.filter((p) => permissionGroup(p.code) === g.label);
                  if (!items.length) return null;
                  return (
                    <div key={g.label}>
                      <Typography.Text strong>{g.label}</Typography.Text>
                      <div>
                        {items.map((p) => (
                          <Checkbox key={p.code} value={p.code} style={{ marginInlineEnd: 12 }}>
                            {p.label}
                          </Checkbox>
                        ))}
                      </div>
                    </div>
                  );
                })}
              </Space>
            </Checkbox.Group>
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
