// The demo accounts of the demo county, named after their roles (listed in the README).
export interface DemoAccount {
  username: string;
  displayName: string;
  label: string;
  roles: string[];
  /** Where the account sits, as a key of the demo organisation (see seed.ts). */
  unit: 'justice' | 'office' | 'government' | 'town' | 'town2' | 'dept';
}

export function demoAccounts(): DemoAccount[] {
  return [
    {
      username: 'sysadmin',
      displayName: '系统管理员',
      label: '系统管理员',
      roles: ['sysadmin'],
      unit: 'justice',
    },
    {
      username: 'secadmin',
      displayName: '安全管理员',
      label: '安全管理员',
      roles: ['secadmin'],
      unit: 'justice',
    },
    {
      username: 'auditor',
      displayName: '审计管理员',
      label: '审计管理员',
      roles: ['auditor'],
      unit: 'justice',
    },
    {
      username: 'coordinator',
      displayName: '王协调',
      label: '依法治县办',
      roles: ['coordinator'],
      unit: 'office',
    },
    { username: 'leader', displayName: '李县长', label: '县政府领导', roles: ['leader'], unit: 'government' },
    {
      username: 'town_reporter',
      displayName: '张填报',
      label: '城关镇填报员',
      roles: ['reporter'],
      unit: 'town',
    },
    {
      username: 'town_approver',
      displayName: '赵审核',
      label: '城关镇审核人',
      roles: ['approver'],
      unit: 'town',
    },
    {
      username: 'town2_reporter',
      displayName: '刘填报',
      label: '青山镇填报员',
      roles: ['reporter'],
      unit: 'town2',
    },
    {
      username: 'dept_reporter',
      displayName: '陈填报',
      label: '县市场监督管理局填报员',
      roles: ['reporter'],
      unit: 'dept',
    },
    {
      username: 'dept_approver',
      displayName: '周审核',
      label: '县市场监督管理局审核人',
      roles: ['approver'],
      unit: 'dept',
    },
  ];
}
