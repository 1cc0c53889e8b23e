// Permission codes and the built-in roles. A role is a set of codes plus one data scope; a user's
// roles combine as a union. The three administrator duties (三员) are kept apart: no account may
// hold two of them (等保 separation of duties).

export const PERMISSIONS = {
  'org:unit:read': '查看单位',
  'org:unit:edit': '管理单位',
  'org:user:read': '查看用户',
  'org:user:edit': '管理用户',
  'sec:role:read': '查看角色与权限',
  'sec:role:edit': '管理角色与权限',
  'sec:role:assign': '为用户分配角色',
  'sec:policy:edit': '管理安全策略',
  'audit:read': '查看审计日志',
  'pii:read': '查看未脱敏个人信息',
  'dashboard:read': '查看工作台数据',
  'ledger:read': '查看业务台账与指标',
  'ledger:edit': '填报业务台账（新增、修改、删除、导入）',
  'proofread:use': '报告体检',
  'proofread:admin': '维护报告体检词表',
  'indicator:config': '配置本地区工作日历、法定期限与指标口径',
} as const;

export type Permission = keyof typeof PERMISSIONS;
export const ALL_PERMISSIONS = Object.keys(PERMISSIONS) as Permission[];

export function isPermission(code: string): code is Permission {
  return Object.hasOwn(PERMISSIONS, code);
}

export const DATA_SCOPES = {
  all: '全部',
  subtree: '本单位及下级',
  unit: '本单位',
  self: '本人',
} as const;
export type DataScope = keyof typeof DATA_SCOPES;

export const DUTIES = {
  sysadmin: '系统管理员',
  secadmin: '安全管理员',
  auditor: '审计管理员',
} as const;
export type Duty = keyof typeof DUTIES;

export interface RoleDefinition {
  code: string;
  name: string;
  description: string;
  duty: Duty | null;
  dataScope: DataScope;
  permissions: Permission[];
}

export const BUILTIN_ROLES: RoleDefinition[] = [
  {
    code: 'sysadmin',
    name: '系统管理员',
    description: '管理单位与账户，不能分配权限，不能查看审计日志',
    duty: 'sysadmin',
    dataScope: 'all',
    permissions: ['org:unit:read', 'org:unit:edit', 'org:user:read', 'org:user:edit'],
  },
  {
    code: 'secadmin',
    name: '安全管理员',
    description: '管理角色、权限分配与安全策略',
    duty: 'secadmin',
    dataScope: 'all',
    permissions: [
      'org:unit:read',
      'org:user:read',
      'sec:role:read',
      'sec:role:edit',
      'sec:role:assign',
      'sec:policy:edit',
    ],
  },
  {
    code: 'auditor',
    name: '审计管理员',
    description: '只读查看审计日志',
    duty: 'auditor',
    dataScope: 'all',
    permissions: ['audit:read'],
  },
  {
    code: 'coordinator',
    name: '依法治县办',
    description: '统筹全县法治政府建设，查看全区域数据',
    duty: null,
    dataScope: 'all',
    permissions: [
      'org:unit:read',
      'org:user:read',
      'dashboard:read',
      'pii:read',
      'ledger:read',
      'ledger:edit',
      'proofread:use',
      'proofread:admin',
      'indicator:config',
    ],
  },
  {
    code: 'leader',
    name: '领导',
    description: '只读查看全区域工作台与数据',
    duty: null,
    dataScope: 'all',
    permissions: ['org:unit:read', 'dashboard:read', 'ledger:read', 'proofread:use'],
  },
  {
    code: 'approver',
    name: '审核人',
    description: '审核本单位及下级单位填报的数据，维护下级单位',
    duty: null,
    dataScope: 'subtree',
    permissions: [
      'org:unit:read',
      'org:unit:edit',
      'org:user:read',
      'dashboard:read',
      'ledger:read',
      'ledger:edit',
      'proofread:use',
    ],
  },
  {
    code: 'reporter',
    name: '填报员',
    description: '填报本单位数据',
    duty: null,
    dataScope: 'unit',
    permissions: ['org:unit:read', 'dashboard:read', 'ledger:read', 'ledger:edit', 'proofread:use'],
  },
];

/** The duties held by a set of roles; more than one means the combination is forbidden. */
export function dutiesOf(roles: Array<{ duty: Duty | null }>): Duty[] {
  return [...new Set(roles.map((r) => r.duty).filter((d): d is Duty => d !== null))];
}

export function conflictingDuties(roles: Array<{ duty: Duty | null }>): string | null {
  const duties = dutiesOf(roles);
  if (duties.length <= 1) return null;
  return `${duties.map((d) => DUTIES[d]).join('、')}不能由同一账户兼任`;
}

const SCOPE_RANK: Record<DataScope, number> = { self: 0, unit: 1, subtree: 2, all: 3 };

/** The widest scope among roles, for display; the API applies the exact union of each role's scope. */
export function widestScope(scopes: DataScope[]): DataScope | null {
  let best: DataScope | null = null;
  for (const s of scopes) if (best === null || SCOPE_RANK[s] > SCOPE_RANK[best]) best = s;
  return best;
}

/** Permissions that only one administrator duty may hold; a role holding them takes that duty. */
export const DUTY_PERMISSIONS: Record<Duty, Permission[]> = {
  sysadmin: ['org:user:edit'],
  secadmin: ['sec:role:read', 'sec:role:edit', 'sec:role:assign', 'sec:policy:edit'],
  auditor: ['audit:read'],
};

/** The duty a set of permissions implies, or an error message when it mixes two duties. */
export function dutyOfPermissions(perms: Permission[]): { duty: Duty | null } | { error: string } {
  const duties = (Object.keys(DUTY_PERMISSIONS) as Duty[]).filter((d) =>
    DUTY_PERMISSIONS[d].some((p) => perms.includes(p)),
  );
  if (duties.length > 1)
    return { error: `一个角色不能同时包含${duties.map((d) => DUTIES[d]).join('、')}的专属权限` };
  return { duty: duties[0] ?? null };
}
