// Units (单位): the organisation tree inside each region, with scope applied to reads and writes.
import { containsText, type Database, newId, nowIso, pathUpperBound, type Trx } from '../../db/index.ts';
import type { UnitTable } from '../../db/schema.ts';
import { UNIT_TYPES } from '../../domain/org/unit-types.ts';
import { badRequest, conflict, forbidden, notFound, staleVersion } from '../../server/errors.ts';
import { type Actor, appendAudit } from '../audit/service.ts';
import type { AuthContext } from '../auth/context.ts';
import { unitsInScope } from './scope.ts';

export interface UnitDto {
  id: string;
  regionCode: string;
  regionName: string;
  parentId: string | null;
  parentName: string | null;
  name: string;
  type: string;
  typeLabel: string;
  code: string | null;
  sort: number;
  disabled: boolean;
  version: number;
  depth: number;
  createdAt: string;
  updatedAt: string;
}

function toDto(
  r: UnitTable & { region_name: string; parent_name: string | null },
  regionPath: string,
): UnitDto {
  return {
    id: r.id,
    regionCode: r.region_code,
    regionName: r.region_name,
    parentId: r.parent_id,
    parentName: r.parent_name,
    name: r.name,
    type: r.type,
    typeLabel: UNIT_TYPES[r.type as keyof typeof UNIT_TYPES] ?? r.type,
    code: r.code,
    sort: r.sort,
    disabled: r.disabled === 1,
    version: r.version,
    depth: r.path.slice(regionPath.length).split('/').filter(Boolean).length,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function baseQuery(database: Database, auth: AuthContext) {
  return database.db
    .selectFrom('units')
    .innerJoin('regions', 'regions.code', 'units.region_code')
    .leftJoin('units as parent', 'parent.id', 'units.parent_id')
    .where(unitsInScope(auth));
}

/** A unit by id if it is in the user's data scope (read or write), else undefined. */
export function findUnitInScope(db: Database['db'] | Trx, auth: AuthContext, id: string) {
  return db
    .selectFrom('units')
    .selectAll()
    .where('units.id', '=', id)
    .where(unitsInScope(auth))
    .executeTakeFirst();
}

export interface UnitQuery {
  q?: string | undefined;
  type?: string | undefined;
  parentId?: string | undefined;
  under?: string | undefined;
  includeDisabled?: boolean | undefined;
  page: number;
  pageSize: number;
}

export async function listUnits(database: Database, auth: AuthContext, query: UnitQuery) {
  let q = baseQuery(database, auth);
  if (query.q)
    q = q.where((eb) => eb.or([containsText('units.name', query.q!), containsText('units.code', query.q!)]));
  if (query.type) q = q.where('units.type', '=', query.type);
  if (query.parentId) q = q.where('units.parent_id', '=', query.parentId);
  if (query.under) {
    const under = await database.db
      .selectFrom('units')
      .select('path')
      .where('id', '=', query.under)
      .executeTakeFirst();
    if (!under) throw notFound('单位');
    q = q.where('units.path', '>=', under.path).where('units.path', '<', pathUpperBound(under.path));
  }
  if (!query.includeDisabled) q = q.where('units.disabled', '=', 0);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .selectAll('units')
    .select(['regions.name as region_name', 'regions.path as region_path', 'parent.name as parent_name'])
    .orderBy('units.path')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return { total: Number(total.n), items: rows.map((r) => toDto(r, r.region_path)) };
}

/** Every unit in scope, as a nested tree for pickers and the home page. */
export async function unitTree(database: Database, auth: AuthContext) {
  const rows = await baseQuery(database, auth)
    .select([
      'units.id',
      'units.parent_id',
      'units.region_code',
      'units.name',
      'units.type',
      'units.disabled',
      'units.sort',
      'units.path',
    ])
    .where('units.disabled', '=', 0)
    .orderBy('units.sort')
    .orderBy('units.path')
    .execute();
  interface Node {
    id: string;
    regionCode: string;
    name: string;
    type: string;
    typeLabel: string;
    children: Node[];
  }
  const byId = new Map<string, Node>();
  for (const r of rows)
    byId.set(r.id, {
      id: r.id,
      regionCode: r.region_code,
      name: r.name,
      type: r.type,
      typeLabel: UNIT_TYPES[r.type as keyof typeof UNIT_TYPES] ?? r.type,
      children: [],
    });
  const roots: Node[] = [];
  for (const r of rows) {
    const node = byId.get(r.id)!;
    const parent = r.parent_id ? byId.get(r.parent_id) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

export async function getUnit(database: Database, auth: AuthContext, id: string): Promise<UnitDto> {
  const row = await baseQuery(database, auth)
    .selectAll('units')
    .select(['regions.name as region_name', 'regions.path as region_path', 'parent.name as parent_name'])
    .where('units.id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('单位');
  return toDto(row, row.region_path);
}

export interface UnitInput {
  parentId: string | null;
  regionCode?: string | undefined;
  name: string;
  type: string;
  code?: string | null | undefined;
  sort?: number | undefined;
}

export async function createUnit(
  database: Database,
  auth: AuthContext,
  actor: Actor,
  input: UnitInput,
): Promise<UnitDto> {
  const id = newId();
  await database.db.transaction().execute(async (trx) => {
    let regionCode: string;
    let path: string;
    if (input.parentId) {
      const parent = await findUnitInScope(trx, auth, input.parentId);
      if (!parent) throw notFound('上级单位');
      if (parent.disabled) throw badRequest('上级单位已停用，不能在其下新增单位', 'parentId');
      regionCode = parent.region_code;
      path = `${parent.path}${id}/`;
    } else {
      // A top-level unit of a region needs a whole-region scope over that region.
      if (!input.regionCode) throw badRequest('请选择上级单位或所属行政区划', 'parentId');
      const region = await trx
        .selectFrom('regions')
        .selectAll()
        .where('code', '=', input.regionCode)
        .executeTakeFirst();
      const whole = auth.roles.some((r) => r.dataScope === 'all');
      if (!region || !whole || !region.path.startsWith(auth.user.regionPath)) throw notFound('行政区划');
      regionCode = region.code;
      path = `${region.path}${id}/`;
    }
    if (await siblingNamed(trx, regionCode, input.parentId, input.name)) {
      throw conflict(`同一上级单位下已有名为「${input.name}」的单位`, 'name');
    }
    const now = nowIso();
    const row = {
      id,
      region_code: regionCode,
      parent_id: input.parentId,
      name: input.name,
      type: input.type,
      code: input.code ?? null,
      sort: input.sort ?? 0,
      path,
      disabled: 0 as const,
      version: 1,
      created_by: auth.user.id,
      created_at: now,
      updated_at: now,
    };
    await trx.insertInto('units').values(row).execute();
    await appendAudit(trx, database, actor, {
      action: 'unit.create',
      entityType: 'unit',
      entityId: id,
      before: null,
      after: row,
    });
  });
  return getUnit(database, auth, id);
}

export interface UnitPatch {
  name?: string | undefined;
  type?: string | undefined;
  code?: string | null | undefined;
  sort?: number | undefined;
  disabled?: boolean | undefined;
  version: number;
}

export async function updateUnit(
  database: Database,
  auth: AuthContext,
  actor: Actor,
  id: string,
  patch: UnitPatch,
): Promise<UnitDto> {
  await database.db.transaction().execute(async (trx) => {
    const before = await findUnitInScope(trx, auth, id);
    if (!before) throw notFound('单位');
    if (before.id === auth.user.unitId && patch.disabled) throw forbidden('不能停用自己所在的单位');
    if (patch.name && patch.name !== before.name) {
      if (await siblingNamed(trx, before.region_code, before.parent_id, patch.name)) {
        throw conflict(`同一上级单位下已有名为「${patch.name}」的单位`, 'name');
      }
    }
    const changes = {
      ...(patch.name !== undefined && { name: patch.name }),
      ...(patch.type !== undefined && { type: patch.type }),
      ...(patch.code !== undefined && { code: patch.code }),
      ...(patch.sort !== undefined && { sort: patch.sort }),
      ...(patch.disabled !== undefined && { disabled: patch.disabled ? (1 as const) : (0 as const) }),
    };
    const res = await trx
      .updateTable('units')
      .set({ ...changes, version: patch.version + 1, updated_at: nowIso() })
      .where('id', '=', id)
      .where('version', '=', patch.version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw staleVersion();
    const action =
      patch.disabled === true
        ? 'unit.disable'
        : patch.disabled === false && before.disabled
          ? 'unit.enable'
          : 'unit.update';
    await appendAudit(trx, database, actor, {
      action,
      entityType: 'unit',
      entityId: id,
      before,
      after: { ...before, ...changes },
    });
  });
  return getUnit(database, auth, id);
}

export async function siblingNamed(
  trx: Trx,
  regionCode: string,
  parentId: string | null,
  name: string,
): Promise<boolean> {
  let q = trx.selectFrom('units').select('id').where('region_code', '=', regionCode).where('name', '=', name);
  q = parentId ? q.where('parent_id', '=', parentId) : q.where('parent_id', 'is', null);
  return (await q.executeTakeFirst()) !== undefined;
}

export function isUnitType(t: string): boolean {
  return Object.hasOwn(UNIT_TYPES, t);
}
