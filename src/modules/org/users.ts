// User accounts (账户). The 系统管理员 creates and edits them; roles are assigned by the 安全管理员.
import { randomInt } from 'node:crypto';
import { containsText, type Database, newId, nowIso, pathUpperBound } from '../../db/index.ts';
import { passwordProblem } from '../../domain/access/password-policy.ts';
import { conflictingDuties } from '../../domain/access/permissions.ts';
import { maskPhone } from '../../domain/privacy/mask.ts';
import { badRequest, conflict, forbidden, notFound, staleVersion } from '../../server/errors.ts';
import { type Actor, appendAudit } from '../audit/service.ts';
import type { AuthContext } from '../auth/context.ts';
import { hashPassword } from '../auth/password.ts';
import { deleteUserSessions } from '../auth/sessions.ts';
import { getPolicy } from '../security/policy.ts';
import { rowsInScope, unitsInScope } from './scope.ts';

export interface UserDto {
  id: string;
  username: string;
  displayName: string;
  unitId: string;
  unitName: string;
  phone: string | null;
  disabled: boolean;
  locked: boolean;
  mustChangePassword: boolean;
  totpEnabled: boolean;
  lastLoginAt: string | null;
  roles: Array<{ id: string; code: string; name: string }>;
  version: number;
  createdAt: string;
}

function userQuery(database: Database, auth: AuthContext) {
  return database.db
    .selectFrom('users')
    .innerJoin('units', 'units.id', 'users.unit_id')
    .where(rowsInScope(auth, 'users.unit_id', 'users.id'));
}

async function hydrate(
  database: Database,
  auth: AuthContext,
  rows: Array<{
    id: string;
    username: string;
    display_name: string;
    unit_id: string;
    unit_name: string;
    phone: string | null;
    disabled: number;
    must_change_password: number;
    totp_enabled: number;
    last_login_at: string | null;
    version: number;
    created_at: string;
  }>,
): Promise<UserDto[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const roles = await database.db
    .selectFrom('user_roles')
    .innerJoin('roles', 'roles.id', 'user_roles.role_id')
    .select(['user_roles.user_id', 'roles.id', 'roles.code', 'roles.name'])
    .where('user_roles.user_id', 'in', ids)
    .orderBy('roles.code')
    .execute();
  const locks = await database.db
    .selectFrom('login_attempts')
    .select(['username', 'locked_until'])
    .where(
      'username',
      'in',
      rows.map((r) => r.username),
    )
    .execute();
  const now = Date.now();
  const seePii = auth.permissions.has('pii:read');
  return rows.map((r) => ({
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    unitId: r.unit_id,
    unitName: r.unit_name,
    phone: r.phone ? (seePii ? r.phone : maskPhone(r.phone)) : null,
    disabled: r.disabled === 1,
    locked: locks.some(
      (l) => l.username === r.username && l.locked_until !== null && Date.parse(l.locked_until) > now,
    ),
    mustChangePassword: r.must_change_password === 1,
    totpEnabled: r.totp_enabled === 1,
    lastLoginAt: r.last_login_at,
    roles: roles.filter((x) => x.user_id === r.id).map((x) => ({ id: x.id, code: x.code, name: x.name })),
    version: r.version,
    createdAt: r.created_at,
  }));
}

const USER_COLUMNS = [
  'users.id',
  'users.username',
  'users.display_name',
  'users.unit_id',
  'units.name as unit_name',
  'users.phone',
  'users.disabled',
  'users.must_change_password',
  'users.totp_enabled',
  'users.last_login_at',
  'users.version',
  'users.created_at',
] as const;

export interface UserQuery {
  q?: string | undefined;
  unitId?: string | undefined;
  subtree?: boolean | undefined;
  roleId?: string | undefined;
  includeDisabled?: boolean | undefined;
  page: number;
  pageSize: number;
}

export async function listUsers(database: Database, auth: AuthContext, query: UserQuery) {
  let q = userQuery(database, auth);
  if (query.q)
    q = q.where((eb) =>
      eb.or([containsText('users.username', query.q!), containsText('users.display_name', query.q!)]),
    );
  if (query.unitId) {
    if (query.subtree) {
      const unit = await database.db
        .selectFrom('units')
        .select('path')
        .where('id', '=', query.unitId)
        .executeTakeFirst();
      if (!unit) throw notFound('单位');
      q = q.where('units.path', '>=', unit.path).where('units.path', '<', pathUpperBound(unit.path));
    } else q = q.where('users.unit_id', '=', query.unitId);
  }
  if (query.roleId)
    q = q.where('users.id', 'in', (eb) =>
      eb.selectFrom('user_roles').select('user_id').where('role_id', '=', query.roleId!),
    );
  if (!query.includeDisabled) q = q.where('users.disabled', '=', 0);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .select(USER_COLUMNS)
    .orderBy('units.path')
    .orderBy('users.username')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return { total: Number(total.n), items: await hydrate(database, auth, rows) };
}

export async function getUser(database: Database, auth: AuthContext, id: string): Promise<UserDto> {
  const row = await userQuery(database, auth)
    .select(USER_COLUMNS)
    .where('users.id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('用户');
  const [dto] = await hydrate(database, auth, [row]);
  return dto!;
}

/** A temporary password that satisfies the policy; the user must change it at first login. */
export function temporaryPassword(): string {
  const pick = (s: string) => s[randomInt(s.length)]!;
  const upper = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
  const lower = 'abcdefghijkmnpqrstuvwxyz';
  const digits = '23456789';
  const chars = [
    pick(upper),
    pick(upper),
    pick(lower),
    pick(lower),
    pick(lower),
    pick(digits),
    pick(digits),
    pick(digits),
    pick('@#%&*'),
    pick(lower),
  ];
  return chars.join('');
}

/** A new account's row with the defaults every creator (API, CLI, demo seed) shares. */
export function newUserRow(u: {
  id: string;
  username: string;
  displayName: string;
  unitId: string;
  passwordHash: string;
  mustChangePassword: boolean;
  phone?: string | null;
  createdBy: string | null;
}) {
  const now = nowIso();
  return {
    id: u.id,
    username: u.username,
    display_name: u.displayName,
    unit_id: u.unitId,
    phone: u.phone ?? null,
    password_hash: u.passwordHash,
    must_change_password: u.mustChangePassword ? (1 as const) : (0 as const),
    password_changed_at: u.mustChangePassword ? null : now,
    disabled: 0 as const,
    totp_secret: null,
    totp_enabled: 0 as const,
    last_login_at: null,
    version: 1,
    created_by: u.createdBy,
    created_at: now,
    updated_at: now,
  };
}

export interface UserInput {
  username: string;
  displayName: string;
  unitId: string;
  phone?: string | null | undefined;
  password?: string | undefined;
}

async function assertUnitInScope(database: Database, auth: AuthContext, unitId: string) {
  const unit = await database.db
    .selectFrom('units')
    .select(['id', 'disabled'])
    .where('units.id', '=', unitId)
    .where(unitsInScope(auth))
    .executeTakeFirst();
  if (!unit) throw notFound('所属单位');
  if (unit.disabled) throw badRequest('所属单位已停用', 'unitId');
}

export async function createUser(
  database: Database,
  production: boolean,
  auth: AuthContext,
  actor: Actor,
  input: UserInput,
) {
  await assertUnitInScope(database, auth, input.unitId);
  const username = input.username.trim().toLowerCase();
  const policy = await getPolicy(database.db, production);
  const password = input.password ?? temporaryPassword();
  const problem = passwordProblem(password, policy, username);
  if (problem) throw badRequest(problem, 'password');
  const hash = await hashPassword(password);
  const id = newId();
  await database.db.transaction().execute(async (trx) => {
    const exists = await trx
      .selectFrom('users')
      .select('id')
      .where('username', '=', username)
      .executeTakeFirst();
    if (exists) throw conflict(`用户名「${username}」已被使用`, 'username');
    const row = newUserRow({
      id,
      username,
      displayName: input.displayName,
      unitId: input.unitId,
      phone: input.phone ?? null,
      passwordHash: hash,
      mustChangePassword: true,
      createdBy: auth.user.id,
    });
    await trx.insertInto('users').values(row).execute();
    await appendAudit(trx, database, actor, {
      action: 'user.create',
      entityType: 'user',
      entityId: id,
      before: null,
      after: row,
    });
  });
  return { user: await getUser(database, auth, id), temporaryPassword: input.password ? null : password };
}

export interface UserPatch {
  displayName?: string | undefined;
  unitId?: string | undefined;
  phone?: string | null | undefined;
  disabled?: boolean | undefined;
  version: number;
}

export async function updateUser(
  database: Database,
  auth: AuthContext,
  actor: Actor,
  id: string,
  patch: UserPatch,
) {
  const current = await getUser(database, auth, id);
  if (patch.unitId && patch.unitId !== current.unitId) await assertUnitInScope(database, auth, patch.unitId);
  if (id === auth.user.id && patch.disabled) throw forbidden('不能停用自己的账户');
  await database.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const changes = {
      ...(patch.displayName !== undefined && { display_name: patch.displayName }),
      ...(patch.unitId !== undefined && { unit_id: patch.unitId }),
      ...(patch.phone !== undefined && { phone: patch.phone }),
      ...(patch.disabled !== undefined && { disabled: patch.disabled ? (1 as const) : (0 as const) }),
    };
    const res = await trx
      .updateTable('users')
      .set({ ...changes, version: patch.version + 1, updated_at: nowIso() })
      .where('id', '=', id)
      .where('version', '=', patch.version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw staleVersion();
    if (patch.disabled) await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
    const action =
      patch.disabled === true
        ? 'user.disable'
        : patch.disabled === false && before.disabled
          ? 'user.enable'
          : 'user.update';
    await appendAudit(trx, database, actor, {
      action,
      entityType: 'user',
      entityId: id,
      before,
      after: { ...before, ...changes },
    });
  });
  return getUser(database, auth, id);
}

export async function resetPassword(
  database: Database,
  production: boolean,
  auth: AuthContext,
  actor: Actor,
  id: string,
  version: number,
  password?: string,
) {
  const current = await getUser(database, auth, id);
  if (id === auth.user.id) throw forbidden('请在“修改密码”中修改自己的密码');
  const policy = await getPolicy(database.db, production);
  const next = password ?? temporaryPassword();
  const problem = passwordProblem(next, policy, current.username);
  if (problem) throw badRequest(problem, 'password');
  const hash = await hashPassword(next);
  await database.db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('users')
      .set({ password_hash: hash, must_change_password: 1, updated_at: nowIso(), version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw staleVersion();
    await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
    await trx.deleteFrom('login_attempts').where('username', '=', current.username).execute();
    await appendAudit(trx, database, actor, {
      action: 'user.password.reset',
      entityType: 'user',
      entityId: id,
      before: { password_hash: 'x', must_change_password: current.mustChangePassword ? 1 : 0 },
      after: { password_hash: 'y', must_change_password: 1 },
    });
  });
  return { temporaryPassword: password ? null : next };
}

export async function unlockUser(database: Database, auth: AuthContext, actor: Actor, id: string) {
  const current = await getUser(database, auth, id);
  await database.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('login_attempts').where('username', '=', current.username).execute();
    await appendAudit(trx, database, actor, { action: 'user.unlock', entityType: 'user', entityId: id });
  });
  return getUser(database, auth, id);
}

export async function setUserRoles(
  database: Database,
  auth: AuthContext,
  actor: Actor,
  id: string,
  roleIds: string[],
  version: number,
) {
  const current = await getUser(database, auth, id);
  if (id === auth.user.id) throw forbidden('不能修改自己的角色');
  const unique = [...new Set(roleIds)];
  const roles = unique.length
    ? await database.db
        .selectFrom('roles')
        .select(['id', 'code', 'name', 'duty'])
        .where('id', 'in', unique)
        .execute()
    : [];
  if (roles.length !== unique.length) throw badRequest('包含不存在的角色', 'roleIds');
  const clash = conflictingDuties(roles);
  if (clash) throw badRequest(clash, 'roleIds');
  await database.db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('users')
      .set({ version: version + 1, updated_at: nowIso() })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw staleVersion();
    await trx.deleteFrom('user_roles').where('user_id', '=', id).execute();
    if (unique.length)
      await trx
        .insertInto('user_roles')
        .values(unique.map((role_id) => ({ user_id: id, role_id })))
        .execute();
    await appendAudit(trx, database, actor, {
      action: 'user.roles.update',
      entityType: 'user',
      entityId: id,
      before: { roles: current.roles.map((r) => r.code) },
      after: { roles: roles.map((r) => r.code).sort() },
    });
  });
  await deleteUserSessions(database.db, id);
  return getUser(database, auth, id);
}
