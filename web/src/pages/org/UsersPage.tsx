// 用户管理: accounts in scope; create, edit, disable, reset password, unlock, assign roles.
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  Modal,
  Popconfirm,
  Space,
  Switch,
  Table,
  Tag,
  TreeSelect,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { api, errorMessage } from '../../api';
import { useAuth } from '../../auth';
import { reportSaveError } from '../../components/saveError';
import { toTreeData, useUnitTree } from '../../components/units';
import { usePagedList } from '../../components/usePagedList';
import { formatDateTime } from '../../format';
import type { Role, User } from '../../types';

interface UserForm {
  username: string;
  displayName: string;
  unitId: string;
  phone?: string;
  password?: string;
}

export default function UsersPage() {
  const { me, can } = useAuth();
  const canEdit = can('org:user:edit');
  const canAssign = can('sec:role:assign');
  const { message } = App.useApp();
  const { tree } = useUnitTree(can('org:unit:read'));
  const [q, setQ] = useState('');
  const [unitId, setUnitId] = useState<string | undefined>();
  const [subtree, setSubtree] = useState(true);
  const [includeDisabled, setIncludeDisabled] = useState(false);
  const { data, loading, load, setPage, pagination } = usePagedList<User>('/api/users', {
    q,
    unitId,
    subtree: unitId ? subtree : undefined,
    includeDisabled,
  });
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  const [saving, setSaving] = useState(false);
  const [tempPassword, setTempPassword] = useState<{ username: string; password: string } | null>(null);
  const [roles, setRoles] = useState<Role[]>([]);
  const [assigning, setAssigning] = useState<User | null>(null);
  const [roleIds, setRoleIds] = useState<string[]>([]);
  const [assignError, setAssignError] = useState<string | null>(null);
  const [form] = Form.useForm<UserForm>();

  useEffect(() => {
    if (!canAssign) return;
    api
      .get<Role[]>('/api/roles')
      .then(setRoles)
      .catch(() => setRoles([]));
  }, [canAssign]);

  const openCreate = () => {
    form.resetFields();
    form.setFieldsValue({ unitId });
    setEditing('new');
  };
  const openEdit = (u: User) => {
    form.resetFields();
    form.setFieldsValue({ username: u.username, displayName: u.displayName, unitId: u.unitId, phone: '' });
    setEditing(u);
  };

  const save = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      if (editing === 'new') {
        const res = await api.post<{ user: User; temporaryPassword: string | null }>('/api/users', {
          username: v.username.trim(),
          displayName: v.displayName.trim(),
          unitId: v.unitId,
          ...(v.phone?.trim() ? { phone: v.phone.trim() } : {}),
          ...(v.password ? { password: v.password } : {}),
        });
        message.success(`用户「${res.user.displayName}」已新增`);
        if (res.temporaryPassword)
          setTempPassword({ username: res.user.username, password: res.temporaryPassword });
      } else if (editing) {
        await api.patch(`/api/users/${editing.id}`, {
          displayName: v.displayName.trim(),
          unitId: v.unitId,
          // The list shows masked phones; send the phone only when a new one was typed.
          ...(v.phone?.trim() ? { phone: v.phone.trim() } : {}),
          version: editing.version,
        });
        message.success('用户已保存');
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

  const act = async (fn: () => Promise<unknown>, ok: string) => {
    try {
      await fn();
      message.success(ok);
    } catch (e) {
      message.error(errorMessage(e));
    }
    await load();
  };

  const resetPassword = async (u: User) => {
    try {
      const res = await api.post<{ temporaryPassword: string | null }>(`/api/users/${u.id}/reset-password`, {
        version: u.version,
      });
      if (res.temporaryPassword) setTempPassword({ username: u.username, password: res.temporaryPassword });
      message.success('密码已重置');
    } catch (e) {
      message.error(errorMessage(e));
    }
    await load();
  };

  const openAssign = (u: User) => {
    setAssignError(null);
    setRoleIds(u.roles.map((r) => r.id));
    setAssigning(u);
  };
  const saveRoles = async () => {
    if (!assigning) return;
    setSaving(true);
    setAssignError(null);
    try {
      await api.put(`/api/users/${assigning.id}/roles`, { roleIds, version: assigning.version });
      message.success('角色已分配');
      setAssigning(null);
      await load();
    } catch (e) {
      setAssignError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  const status = (u: User) => (
    <Space size={4} wrap>
      {u.disabled ? <Tag>已停用</Tag> : <Tag color="green">正常</Tag>}
      {u.locked && <Tag color="orange">已锁定</Tag>}
      {u.mustChangePassword && <Tag color="blue">待改密</Tag>}
      {u.totpEnabled && <Tag color="purple">双因素</Tag>}
    </Space>
  );

  const columns = [
    { title: '用户名', dataIndex: 'username', width: 140 },
    { title: '姓名', dataIndex: 'displayName', width: 110 },
    { title: '所属单位', dataIndex: 'unitName' },
    { title: '手机号', dataIndex: 'phone', width: 130, render: (v: string | null) => v ?? '—' },
    {
      title: '角色',
      dataIndex: 'roles',
      render: (rs: User['roles']) =>
        rs.length ? (
          <Space size={4} wrap>
            {rs.map((r) => (
              <Tag key={r.id} color="red">
                {r.name}
              </Tag>
            ))}
          </Space>
        ) : (
          <Typography.Text type="secondary">未分配</Typography.Text>
        ),
    },
    { title: '状态', key: 'status', width: 150, render: (_: unknown, u: User) => status(u) },
    {
      title: '最后登录',
      dataIndex: 'lastLoginAt',
      width: 150,
      render: (v: string | null) => (v ? formatDateTime(v) : '从未登录'),
    },
    ...(canEdit || canAssign
      ? [
          {
            title: '操作',
            key: 'actions',
            width: 220,
            render: (_: unknown, u: User) => {
              const self = u.id === me?.user.id;
              return (
                <Space size="small" wrap>
                  {canEdit && <Typography.Link onClick={() => openEdit(u)}>编辑</Typography.Link>}
                  {canEdit && !self && (
                    <Popconfirm
                      title={u.disabled ? `启用用户「${u.displayName}」？` : `停用用户「${u.displayName}」？`}
                      description={u.disabled ? undefined : '停用后该用户将立即退出并无法登录。'}
                      okText={u.disabled ? '启用' : '停用'}
                      cancelText="取消"
                      okButtonProps={{ danger: !u.disabled }}
                      onConfirm={() =>
                        act(
                          () =>
                            api.patch(`/api/users/${u.id}`, { disabled: !u.disabled, version: u.version }),
                          u.disabled ? '用户已启用' : '用户已停用',
                        )
                      }
                    >
                      <Typography.Link type={u.disabled ? undefined : 'danger'}>
                        {u.disabled ? '启用' : '停用'}
                      </Typography.Link>
                    </Popconfirm>
                  )}
                  {canEdit && !self && (
                    <Popconfirm
                      title={`重置「${u.displayName}」的密码？`}
                      description="将生成临时密码，该用户下次登录时须修改。"
                      okText="重置"
                      cancelText="取消"
                      onConfirm={() => resetPassword(u)}
                    >
                      <Typography.Link>重置密码</Typography.Link>
                    </Popconfirm>
                  )}
                  {canEdit && u.locked && (
                    <Popconfirm
                      title={`解除「${u.displayName}」的登录锁定？`}
                      okText="解锁"
                      cancelText="取消"
                      onConfirm={() => act(() => api.post(`/api/users/${u.id}/unlock`), '已解除锁定')}
                    >
                      <Typography.Link>解锁</Typography.Link>
                    </Popconfirm>
                  )}
                  {canAssign && !self && (
                    <Typography.Link onClick={() => openAssign(u)}>分配角色</Typography.Link>
                  )}
                </Space>
              );
            },
          },
        ]
      : []),
  ];

  const treeData = toTreeData(tree);

  return (
    <Card
      title="用户管理"
      extra={
        canEdit && (
          <Button type="primary" icon={<PlusOutlined />} onClick={openCreate}>
            新增用户
          </Button>
        )
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          placeholder="用户名或姓名"
          allowClear
          aria-label="搜索用户"
          style={{ width: 220 }}
          onSearch={(v) => {
            setQ(v.trim());
            setPage(1);
          }}
        />
        <TreeSelect
          placeholder="所属单位"
          aria-label="所属单位筛选"
          allowClear
          showSearch={{ treeNodeFilterProp: 'title' }}
          style={{ width: 260 }}
          treeData={treeData}
          value={unitId}
          onChange={(v?: string) => {
            setUnitId(v);
            setPage(1);
          }}
        />
        <Space>
          <Switch
            checked={subtree}
            aria-label="含下级"
            disabled={!unitId}
            onChange={(v) => {
              setSubtree(v);
              setPage(1);
            }}
          />
          <span>含下级</span>
        </Space>
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
        <Button icon={<ReloadOutlined />} onClick={() => void load()}>
          刷新
        </Button>
      </Space>
      <Table<User>
        rowKey="id"
        size="middle"
        loading={loading}
        columns={columns}
        dataSource={data.items}
        scroll={{ x: 1100 }}
        pagination={pagination}
      />
      <Modal
        title={editing === 'new' ? '新增用户' : '编辑用户'}
        open={editing !== null}
        onCancel={() => setEditing(null)}
        onOk={save}
        confirmLoading={saving}
        okText="保存"
        cancelText="取消"
        destroyOnHidden
      >
        {editing === 'new' && (
          // 三员分立: who creates an account does not also grant what it may do.
          <Alert
            type="info"
            showIcon
            data-testid="roles-hint"
            style={{ marginBottom: 16 }}
            title="新用户保存后暂无角色，角色由安全管理员分配。"
          />
        )}
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item
            label="用户名"
            name="username"
            rules={[
              { required: true, message: '请输入用户名' },
              {
                pattern: /^[A-Za-z][A-Za-z0-9_.-]{2,31}$/,
                message: '用户名须以字母开头，3–32 位字母、数字或 _ . -',
              },
            ]}
          >
            <Input disabled={editing !== 'new'} maxLength={32} autoComplete="off" />
          </Form.Item>
          <Form.Item
            label="姓名"
            name="displayName"
            rules={[
              { required: true, whitespace: true, message: '请输入姓名' },
              { max: 40, message: '姓名不能超过 40 个字符' },
            ]}
          >
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item label="所属单位" name="unitId" rules={[{ required: true, message: '请选择所属单位' }]}>
            <TreeSelect
              treeData={treeData}
              showSearch={{ treeNodeFilterProp: 'title' }}
              placeholder="请选择所属单位"
            />
          </Form.Item>
          <Form.Item
            label="手机号"
            name="phone"
            extra={editing !== 'new' && editing?.phone ? `当前：${editing.phone}，留空则不修改` : undefined}
            rules={[{ pattern: /^1\d{10}$|^0\d{2,3}-?\d{7,8}$/, message: '电话号码格式不正确' }]}
          >
            <Input maxLength={20} />
          </Form.Item>
          {editing === 'new' && (
            <Form.Item
              label="初始密码"
              name="password"
              extra="可不填，系统将生成临时密码；用户首次登录时须修改密码。"
            >
              <Input.Password autoComplete="new-password" maxLength={128} />
            </Form.Item>
          )}
        </Form>
      </Modal>
      <Modal
        title="临时密码"
        open={tempPassword !== null}
        onOk={() => setTempPassword(null)}
        onCancel={() => setTempPassword(null)}
        okText="我已记录"
        cancelButtonProps={{ style: { display: 'none' } }}
        mask={{ closable: false }}
      >
        {tempPassword && (
          <Space orientation="vertical">
            <span>
              用户 <b>{tempPassword.username}</b> 的临时密码如下，仅显示这一次，请当面或通过安全渠道告知本人：
            </span>
            <Typography.Text code copyable style={{ fontSize: 18 }} data-testid="temp-password">
              {tempPassword.password}
            </Typography.Text>
            <Typography.Text type="secondary">该用户首次登录时须修改密码。</Typography.Text>
          </Space>
        )}
      </Modal>
      <Modal
        title={assigning ? `分配角色：${assigning.displayName}（${assigning.username}）` : '分配角色'}
        open={assigning !== null}
        onCancel={() => setAssigning(null)}
        onOk={saveRoles}
        confirmLoading={saving}
        okText="保存"
        cancelText="取消"
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">
          系统管理员、安全管理员、审计管理员三种职责不能由同一账户兼任。
        </Typography.Paragraph>
        {assignError && <Alert type="error" showIcon title={assignError} style={{ marginBottom: 12 }} />}
        <Checkbox.Group value={roleIds} onChange={(v) => setRoleIds(v as string[])} style={{ width: '100%' }}>
          <Space orientation="vertical">
            {roles.map((r) => (
              <Checkbox key={r.id} value={r.id}>
                {r.name}
                {r.duty && (
                  <Tag color="volcano" style={{ marginInlineStart: 8 }}>
                    管理员职责
                  </Tag>
                )}
                <Typography.Text type="secondary">{r.description}</Typography.Text>
              </Checkbox>
            ))}
          </Space>
        </Checkbox.Group>
      </Modal>
    </Card>
  );
}
