// A signed-in user holding one custom role (made by secadmin, account by sysadmin), password changed.
import type { DataScope, Permission } from '../../src/domain/access/permissions.ts';
import { Client, signedIn, type TestApp } from './app.ts';

export async function signedInWithRole(
  app: TestApp,
  opts: { username: string; unitId: string; dataScope: DataScope; permissions: Permission[] },
): Promise<Client> {
  const secadmin = await signedIn(app, 'secadmin');
  const sysadmin = await signedIn(app, 'sysadmin');
  const role = await secadmin.post<{ id: string }>('/api/roles', {
    code: `${opts.username}_role`,
    name: `${opts.username} 角色`,
    dataScope: opts.dataScope,
    permissions: opts.permissions,
  });
  if (role.status !== 201) throw new Error(`role: ${JSON.stringify(role.body)}`);
  const created = await sysadmin.post<{ user: { id: string }; temporaryPassword: string }>('/api/users', {
    username: opts.username,
    displayName: '测试用户',
    unitId: opts.unitId,
  });
  if (created.status !== 201) throw new Error(`user: ${JSON.stringify(created.body)}`);
  const userId = created.body.user.id;
  const user = await secadmin.get<{ version: number }>(`/api/users/${userId}`);
  const assigned = await secadmin.put(`/api/users/${userId}/roles`, {
    roleIds: [role.body.id],
    version: user.body.version,
  });
  if (assigned.status !== 200) throw new Error(`roles: ${JSON.stringify(assigned.body)}`);
  const c = new Client(app);
  await c.login(opts.username, created.body.temporaryPassword);
  const changed = await c.post('/api/auth/password', {
    oldPassword: created.body.temporaryPassword,
    newPassword: 'Tester#2026x',
  });
  if (changed.status !== 200) throw new Error(`password: ${JSON.stringify(changed.body)}`);
  return c;
}
