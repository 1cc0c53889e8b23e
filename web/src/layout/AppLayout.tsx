// The signed-in frame: header (product, region, user menu) and a left menu built from permissions.
import {
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  DatabaseOutlined,
  DownOutlined,
  FileSearchOutlined,
  HomeOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  SettingOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { App, Button, Dropdown, Layout, Menu, type MenuProps, Space, Typography } from 'antd';
import { Suspense, useMemo } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useAuth } from '../auth';
import { Loading } from '../components/Loading';

const { Header, Sider, Content } = Layout;

type MenuItem = Required<MenuProps>['items'][number];

export function buildMenu(can: (p: string) => boolean): MenuItem[] {
  const items: MenuItem[] = [{ key: '/', icon: <HomeOutlined />, label: '工作台' }];
  if (can('ledger:read')) {
    items.push({ key: '/dashboard', icon: <BarChartOutlined />, label: '数据看板' });
    items.push({ key: '/ledgers', icon: <DatabaseOutlined />, label: '业务台账' });
    items.push({ key: '/todo', icon: <ScheduleOutlined />, label: '待办事项' });
  }
  if (can('proofread:use')) {
    if (can('proofread:admin'))
      items.push({
        key: 'proofread-group',
        icon: <FileSearchOutlined />,
        label: '报告体检',
        children: [
          { key: '/proofread', label: '报告体检' },
          { key: '/proofread/wordlists', label: '词表维护' },
        ],
      });
    else items.push({ key: '/proofread', icon: <FileSearchOutlined />, label: '报告体检' });
  }
  if (can('indicator:config') && can('ledger:read'))
    items.push({
      key: 'settings',
      icon: <SettingOutlined />,
      label: '地区设置',
      children: [{ key: '/settings/region', label: '工作日历与指标口径' }],
    });
  const org: MenuItem[] = [];
  if (can('org:unit:read')) org.push({ key: '/org/units', label: '单位管理' });
  if (can('org:user:read')) org.push({ key: '/org/users', label: '用户管理' });
  if (org.length) items.push({ key: 'org', icon: <ApartmentOutlined />, label: '组织机构', children: org });
  const sec: MenuItem[] = [];
  if (can('sec:role:read')) sec.push({ key: '/security/roles', label: '角色与权限' });
  if (can('sec:policy:edit')) sec.push({ key: '/security/policy', label: '安全策略' });
  if (sec.length)
    items.push({ key: 'security', icon: <SafetyCertificateOutlined />, label: '安全管理', children: sec });
  if (can('audit:read')) items.push({ key: '/audit', icon: <AuditOutlined />, label: '审计日志' });
  return items;
}

export function AppLayout() {
  const { me, can, logout } = useAuth();
  const { modal, message } = App.useApp();
  const navigate = useNavigate();
  const location = useLocation();
  const items = useMemo(() => buildMenu(can), [can]);

  const path = location.pathname;
  const selected = path.startsWith('/org/units')
    ? '/org/units'
    : path.startsWith('/org/users')
      ? '/org/users'
      : path;

  const doLogout = async (everywhere: boolean) => {
    await logout(everywhere);
    message.success(everywhere ? '已在所有设备上退出' : '已退出登录');
    navigate('/login', { replace: true });
  };

  const userMenu: MenuProps = {
    items: [
      { key: 'password', label: '修改密码' },
      { key: 'totp', label: '双因素认证' },
      { type: 'divider' },
      { key: 'logout', label: '退出登录' },
      { key: 'logout-all', label: '在所有设备上退出', danger: true },
    ],
    onClick: ({ key }) => {
      if (key === 'password') navigate('/change-password');
      else if (key === 'totp') navigate('/totp-setup');
      else if (key === 'logout') void doLogout(false);
      else if (key === 'logout-all')
        modal.confirm({
          title: '在所有设备上退出？',
          content: '您在其他电脑或浏览器上的登录也将失效。',
          okText: '全部退出',
          cancelText: '取消',
          okButtonProps: { danger: true },
          onOk: () => doLogout(true),
        });
    },
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Header
        style={{
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'space-between',
          background: '#9f1c1c',
          paddingInline: 24,
        }}
      >
        <Space size="middle">
          <Typography.Title level={4} style={{ color: '#fff', margin: 0, whiteSpace: 'nowrap' }}>
            法治政府建设综合管理平台
          </Typography.Title>
          {me && <span style={{ color: 'rgba(255,255,255,0.85)' }}>{me.region.name}</span>}
        </Space>
        {me && (
          <Dropdown menu={userMenu} trigger={['click']}>
            <Button type="text" style={{ color: '#fff' }} data-testid="user-menu">
              <Space>
                <UserOutlined />
                <span>{me.user.displayName}</span>
                <span style={{ opacity: 0.8 }}>（{me.unit.name}）</span>
                <DownOutlined />
              </Space>
            </Button>
          </Dropdown>
        )}
      </Header>
      <Layout>
        <Sider width={208} theme="light" breakpoint="lg" collapsedWidth={0}>
          <Menu
            mode="inline"
            aria-label="主菜单"
            data-testid="main-menu"
            selectedKeys={[selected]}
            defaultOpenKeys={['org', 'security', 'proofread-group', 'settings']}
            items={items}
            onClick={({ key }) => navigate(key)}
            style={{ height: '100%', borderInlineEnd: 0 }}
          />
        </Sider>
        {/* minWidth 0: a wide table scrolls inside the page instead of widening it past the window. */}
        <Content style={{ padding: 24, background: '#f5f5f5', minWidth: 0 }}>
          <Suspense fallback={<Loading />}>
            <Outlet />
          </Suspense>
        </Content>
      </Layout>
    </Layout>
  );
}
