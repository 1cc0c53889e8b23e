// 调整上级单位: a unit (with everything under it — units, users' reach, ledger records and figures) moves
// to another parent in the same region, as after a 机构改革 or a 乡镇 merger. One transaction: paths,
// the ledgers' copies of them, the subtree totals and the audit record.
import { sql } from 'kysely';
import { type Database, nowIso, pathUpperBound } from '../../db/index.ts';
import { badRequest, conflict, notFound, staleVersion } from '../../server/errors.ts';
import { type Actor, appendAudit } from '../audit/service.ts';
import type { AuthContext } from '../auth/context.ts';
import { moveLedgerPaths } from '../ledgers/unit-paths.ts';
import { findUnitInScope, getUnit, siblingNamed, type UnitDto } from './units.ts';

export interface UnitMove {
  /** The new parent, or null for a top-level unit of the region. */
  parentId: string | null;
  version: number;
}

export async function moveUnit(
  database: Database,
  auth: AuthContext,
  actor: Actor,
  id: string,
  move: UnitMove,
): Promise<UnitDto> {
  await database.db.transaction().execute(async (trx) => {
    const unit = await findUnitInScope(trx, auth, id);
    if (!unit) throw notFound('单位');
    if (unit.version !== move.version) throw staleVersion();
    if (move.parentId === unit.parent_id) throw badRequest('上级单位没有变化', 'parentId');

    let parentPath: string;
    let parentName: string;
    if (move.parentId) {
      const parent = await findUnitInScope(trx, auth, move.parentId);
      if (!parent) throw notFound('上级单位');
      if (parent.path.startsWith(unit.path))
        throw badRequest('不能把单位调整到它自己或它的下级单位之下', 'parentId');
      if (parent.region_code !== unit.region_code)
        throw badRequest('只能在本行政区划内调整上级单位', 'parentId');
      if (parent.disabled) throw badRequest('上级单位已停用，不能调整到其下', 'parentId');
      parentPath = parent.path;
      parentName = parent.name;
    } else {
      // A top-level unit of the region needs a whole-region scope, as creating one does.
      const region = await trx
        .selectFrom('regions')
        .selectAll()
        .where('code', '=', unit.region_code)
        .executeTakeFirstOrThrow();
      const whole = auth.roles.some((r) => r.dataScope === 'all');
      if (!whole || !region.path.startsWith(auth.user.regionPath)) throw notFound('行政区划');
      parentPath = region.path;
      parentName = region.name;
    }
    if (await siblingNamed(trx, unit.region_code, move.parentId, unit.name))
      throw conflict(`新的上级单位下已有名为「${unit.name}」的单位`, 'parentId');

    const oldParentPath = unit.path.slice(0, unit.path.length - `${unit.id}/`.length);
    const newPath = `${parentPath}${unit.id}/`;
    const res = await trx
      .updateTable('units')
      .set({ parent_id: move.parentId, version: move.version + 1, updated_at: nowIso() })
      .where('id', '=', id)
      .where('version', '=', move.version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw staleVersion();
    const moved =
      await sql`update units set path = cast(${newPath} as text) || substr(path, ${unit.path.length + 1})
      where path >= ${unit.path} and path < ${pathUpperBound(unit.path)}`.execute(trx);
    await moveLedgerPaths(trx, {
      from: unit.path,
      to: newPath,
      fromParent: oldParentPath,
      toParent: parentPath,
    });

    const oldParentName = unit.parent_id
      ? ((await trx.selectFrom('units').select('name').where('id', '=', unit.parent_id).executeTakeFirst())
          ?.name ?? null)
      : null;
    await appendAudit(trx, database, actor, {
      action: 'unit.move',
      entityType: 'unit',
      entityId: id,
      before: { parentId: unit.parent_id, parentName: oldParentName ?? '（行政区划直属）' },
      after: {
        parentId: move.parentId,
        parentName: move.parentId ? parentName : '（行政区划直属）',
        movedUnits: Number(moved.numAffectedRows ?? 0),
      },
    });
  });
  return getUnit(database, auth, id);
}
