// Roles: sets of permission codes plus a data scope. Built-in roles are fixed; custom roles may not
// mix the exclusive permissions of two administrator duties.

import { type Database, type Db, newId, nowIso } from '../../db/index.ts';
import {
  type DataScope,
  dutyOfPermissions,
  isPermission,
  type Permission,
} from '../../domain/access/permissions.ts';
import { badRequest, conflict, forbidden, notFound, staleVersion } from '../../server/errors.ts';
import { type Actor, appendAudit } from '../audit/service.ts';

export interface RoleDto {
  id: string;
  code: string;
  name: string;
  description: string;
  duty: string | null;
  dataScope: DataScope;
  permissions: Permission[];
  builtin: boolean;
  userCount: number;
  version: number;
}

export async function listRoles(db: Db): Promise<RoleDto[]> {
  const rows = await db
    .selectFrom('roles')
    .leftJoin('user_roles', 'user_roles.role_id', 'roles.id')
    .select([
      'roles.id',
      'roles.code',
      'roles.name',
      'roles.description',
      'roles.duty',
      'roles.data_scope',
      'roles.permissions',
      'roles.builtin',
      'roles.version',
    ])
    .select((eb) => eb.fn.count<number>('user_roles.user_id').as('user_count'))
    .groupBy([
      'roles.id',
      'roles.code',
      'roles.name',
      'roles.description',
      'roles.duty',
      'roles.data_scope',
      'roles.permissions',
      'roles.builtin',
      'roles.version',
    ])
    .orderBy('roles.builtin', 'desc')
    .orderBy('roles.code')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    description: r.description,
    duty: r.duty,
    dataScope: r.data_scope,
    permissions: (JSON.parse(r.permissions) as string[]).filter(isPermission),
    builtin: r.builtin === 1,
    userCount: Number(r.user_count),
    version: r.version,
  }));
}

async function getRole(db: Db, id: string): Promise<RoleDto> {
  const role = (await listRoles(db)).find((r) => r.id === id);
  if (!role) throw notFound('角色');
  return role;
}

export interface RoleInput {
  code: string;
  name: string;
  description?: string | undefined;
  dataScope: DataScope;
  permissions: string[];
}

function checkPermissions(codes: string[]) {
  const unknown = codes.filter((c) => !isPermission(c));
  if (unknown.length) throw badRequest(`未知的权限代码：${unknown.join('、')}`, 'permissions');
  const perms = [...new Set(codes)] as Permission[];
  const duty = dutyOfPermissions(perms);
  if ('error' in duty) throw badRequest(duty.error, 'permissions');
  return { perms: perms.sort(), duty: duty.duty };
}

export async function createRole(database: Database, actor: Actor, input: RoleInput): Promise<RoleDto> {
  const { perms, duty } = checkPermissions(input.permissions);
  const id = newId();
  await database.db.transaction().execute(async (trx) => {
    if (await trx.selectFrom('roles').select('id').where('code', '=', input.code).executeTakeFirst()) {
      throw conflict(`角色代码「${input.code}」已存在`, 'code');
    }
    const now = nowIso();
    const row = {
      id,
      code: input.code,
      name: input.name,
      description: input.description ?? '',
      duty,
      data_scope: input.dataScope,
      permissions: JSON.stringify(perms),
      builtin: 0 as const,
      version: 1,
      created_at: now,
      updated_at: now,
    };
    await trx.insertInto('roles').values(row).execute();
    await appendAudit(trx, database, actor, {
      action: 'role.create',
      entityType: 'role',
      entityId: id,
      before: null,
      after: row,
    });
  });
  return getRole(database.db, id);
}

export async function updateRole(
  database: Database,
  actor: Actor,
  id: string,
  input: Omit<RoleInput, 'code'> & { version: number },
): Promise<RoleDto> {
  const current = await getRole(database.db, id);
  if (current.builtin) throw forbidden('内置角色不能修改，请新建自定义角色');
  const { perms, duty } = checkPermissions(input.permissions);
  await database.db.transaction().execute(async (trx) => {
    if (duty) {
      // A role that now carries a duty must not land on a user who already holds another duty.
      const clash = await trx
        .selectFrom('user_roles as mine')
        .innerJoin('user_roles as other', 'other.user_id', 'mine.user_id')
        .innerJoin('roles', 'roles.id', 'other.role_id')
        .select('roles.name')
        .where('mine.role_id', '=', id)
        .where('roles.id', '!=', id)
        .where('roles.duty', 'is not', null)
        .where('roles.duty', '!=', duty)
        .executeTakeFirst();
      if (clash)
        throw badRequest(
          `已分配此角色的用户同时持有「${clash.name}」，不能兼任两种管理员职责`,
          'permissions',
        );
    }
    const before = await trx.selectFrom('roles').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const changes = {
      name: input.name,
      description: input.description ?? '',
      data_scope: input.dataScope,
      permissions: JSON.stringify(perms),
      duty,
    };
    const res = await trx
      .updateTable('roles')
      .set({ ...changes, version: input.version + 1, updated_at: nowIso() })
      .where('id', '=', id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw staleVersion();
    await appendAudit(trx, database, actor, {
      action: 'role.update',
      entityType: 'role',
      entityId: id,
      before,
      after: { ...before, ...changes },
    });
  });
  return getRole(database.db, id);
}

export async function deleteRole(
  database: Database,
  actor: Actor,
  id: string,
  version: number,
): Promise<void> {
  const current = await getRole(database.db, id);
  if (current.builtin) throw forbidden('内置角色不能删除');
  if (current.userCount > 0) throw conflict(`仍有 ${current.userCount} 个用户持有该角色，请先取消分配`);
  await database.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('roles').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const res = await trx
      .deleteFrom('roles')
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    if (Number(res.numDeletedRows) !== 1) throw staleVersion();
    await appendAudit(trx, database, actor, {
      action: 'role.delete',
      entityType: 'role',
      entityId: id,
      before,
      after: null,
    });
  });
}
