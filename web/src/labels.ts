// Chinese labels the interface shows. The permission, data-scope and duty names come from the server's own
// definitions (pure data, bundled at build time), so the two cannot drift apart; the catalogue endpoint
// /api/permissions needs sec:role:read, and every user's home page shows their permissions.
import { DATA_SCOPES, DUTIES, PERMISSIONS } from '../../src/domain/access/permissions.ts';

export const PERMISSION_LABELS: Record<string, string> = PERMISSIONS;
export const DATA_SCOPE_LABELS: Record<string, string> = DATA_SCOPES;
export const DUTY_LABELS: Record<string, string> = DUTIES;

export const PERMISSION_GROUPS: Array<{ prefix: string; label: string }> = [
  { prefix: 'org:', label: '组织机构' },
  { prefix: 'sec:', label: '安全管理' },
  { prefix: 'audit:', label: '审计' },
  { prefix: 'ledger:', label: '业务台账' },
  { prefix: 'proofread:', label: '报告体检' },
  { prefix: '', label: '其他' },
];

export function permissionGroup(code: string): string {
  return PERMISSION_GROUPS.find((g) => g.prefix && code.startsWith(g.prefix))?.label ?? '其他';
}

export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'auth.login': '登录',
  'auth.login.failed': '登录失败',
  'auth.login.lock': '登录失败锁定',
  'auth.login.locked': '锁定期间尝试登录',
  'auth.logout': '退出登录',
  'auth.logout.all': '在所有设备上退出',
  'auth.password.change': '修改密码',
  'auth.totp.setup': '生成双因素密钥',
  'auth.totp.enable': '启用双因素认证',
  'auth.totp.verified': '双因素认证通过',
  'auth.totp.failed': '双因素认证失败',
  'demo.seed': '生成演示数据',
  'org.init': '初始化组织',
  'role.create': '新建角色',
  'role.update': '修改角色',
  'role.delete': '删除角色',
  'security.policy.update': '修改安全策略',
  'unit.create': '新增单位',
  'unit.update': '修改单位',
  'unit.disable': '停用单位',
  'unit.enable': '启用单位',
  'unit.move': '调整上级单位',
  'user.create': '新增用户',
  'user.update': '修改用户',
  'user.disable': '停用用户',
  'user.enable': '启用用户',
  'user.password.reset': '重置密码',
  'user.unlock': '解除锁定',
  'user.roles.update': '分配角色',
  'demo.seed.ledgers': '生成演示台账数据',
  'ledger.pii.list': '查看未脱敏的台账列表',
  'ledger.pii.view': '查看未脱敏的台账记录',
  'ledger.pii.search': '按个人信息检索台账',
  'ledger.pii.export': '导出含未脱敏个人信息的台账',
  'calendar.update': '修改工作日历',
  'limits.update': '修改法定期限',
  'indicators.config.update': '修改指标口径',
  'proofread.wordlists.update': '修改报告体检词表',
};

/** Writes to a ledger are audited as ledger.<台账代码>.<操作>. */
const LEDGER_ACTION = /^ledger\.([A-Za-z]+)\.(create|update|delete|import)$/;
const LEDGER_VERBS: Record<string, string> = {
  create: '新增',
  update: '修改',
  delete: '删除',
  import: '导入',
};

export function actionLabel(action: string): string {
  const ledger = LEDGER_ACTION.exec(action);
  if (ledger) return `${LEDGER_VERBS[ledger[2]!]}台账记录（${action}）`;
  const label = AUDIT_ACTION_LABELS[action];
  return label ? `${label}（${action}）` : action;
}

export const ENTITY_TYPE_LABELS: Record<string, string> = {
  unit: '单位',
  user: '用户',
  role: '角色',
  settings: '设置',
  region: '行政区划',
};

/** Column names found in audit `changes`, in Chinese. */
export const FIELD_LABELS: Record<string, string> = {
  id: 'ID',
  name: '名称',
  type: '类型',
  code: '代码',
  sort: '排序',
  disabled: '停用',
  parent_id: '上级单位',
  region_code: '行政区划代码',
  path: '路径',
  created_by: '创建人',
  created_at: '创建时间',
  username: '用户名',
  display_name: '姓名',
  unit_id: '所属单位',
  phone: '手机号',
  password_hash: '密码',
  password_changed_at: '密码修改时间',
  must_change_password: '须修改密码',
  totp_enabled: '双因素认证',
  totp_secret: '双因素密钥',
  last_login_at: '最后登录',
  roles: '角色',
  permissions: '权限',
  data_scope: '数据范围',
  description: '说明',
  duty: '管理员职责',
  builtin: '内置',
  failures: '失败次数',
  stage: '阶段',
  sessions: '会话数',
};

export function fieldLabel(field: string): string {
  const label = FIELD_LABELS[field];
  return label ? `${label}（${field}）` : field;
}
