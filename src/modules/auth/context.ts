// Who is asking: the user, their unit and region, their roles and the permissions those grant.

import type { Db } from '../../db/index.ts';
import type { DataScope, Duty, Permission } from '../../domain/access/permissions.ts';
import { isPermission } from '../../domain/access/permissions.ts';
import type { Actor } from '../audit/service.ts';

export interface AuthRole {
  id: string;
  code: string;
  name: string;
  duty: Duty | null;
  dataScope: DataScope;
  permissions: Permission[];
}

export interface AuthUser {
  id: string;
  username: string;
  displayName: string;
  unitId: string;
  unitName: string;
  unitPath: string;
  regionCode: string;
  regionName: string;
  regionPath: string;
  mustChangePassword: boolean;
  totpEnabled: boolean;
}

export interface AuthContext {
  sessionId: string;
  csrfToken: string;
  stage: 'totp' | 'active';
  user: AuthUser;
  roles: AuthRole[];
  permissions: Set<Permission>;
  /** An administrator in production mode without a second factor must set one up first. */
  needsTotpSetup: boolean;
}

export async function loadAuthUser(
  db: Db,
  userId: string,
): Promise<{ user: AuthUser; roles: AuthRole[]; disabled: boolean } | null> {
  const row = await db
    .selectFrom('users')
    .innerJoin('units', 'units.id', 'users.unit_id')
    .innerJoin('regions', 'regions.code', 'units.region_code')
    .select([
      'users.id',
      'users.username',
      'users.display_name',
      'users.unit_id',
      'users.must_change_password',
      'users.totp_enabled',
      'users.disabled',
      'units.name as unit_name',
      'units.path as unit_path',
      'units.disabled as unit_disabled',
      'regions.code as region_code',
      'regions.name as region_name',
      'regions.path as region_path',
    ])
    .where('users.id', '=', userId)
    .executeTakeFirst();
  if (!row) return null;
  const roleRows = await db
    .selectFrom('user_roles')
    .innerJoin('roles', 'roles.id', 'user_roles.role_id')
    .select(['roles.id', 'roles.code', 'roles.name', 'roles.duty', 'roles.data_scope', 'roles.permissions'])
    .where('user_roles.user_id', '=', userId)
    .orderBy('roles.code')
    .execute();
  return {
    disabled: row.disabled === 1 || row.unit_disabled === 1,
    user: {
      id: row.id,
      username: row.username,
      displayName: row.display_name,
      unitId: row.unit_id,
      unitName: row.unit_name,
      unitPath: row.unit_path,
      regionCode: row.region_code,
      regionName: row.region_name,
      regionPath: row.region_path,
      mustChangePassword: row.must_change_password === 1,
      totpEnabled: row.totp_enabled === 1,
    },
    roles: roleRows.map((r) => ({
      id: r.id,
      code: r.code,
      name: r.name,
      duty: r.duty,
      dataScope: r.data_scope,
      permissions: (JSON.parse(r.permissions) as string[]).filter(isPermission),
    })),
  };
}

export function actorOf(auth: AuthContext | null, ip: string | null, userAgent: string | null): Actor {
  return {
    userId: auth?.user.id ?? null,
    username: auth?.user.username ?? null,
    unitId: auth?.user.unitId ?? null,
    unitName: auth?.user.unitName ?? null,
    ip,
    userAgent,
  };
}
