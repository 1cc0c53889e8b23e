// Which unit an imported row belongs to. The import never guesses: a row names its 填报单位, or takes
// the default chosen for the import, or — only when the importer can write to exactly one unit — that
// unit. Shared by validation (so that unit errors come with every other row error, in one pass) and by
// the write (which checks again inside its own reading of the units).
import type { Database } from '../../db/index.ts';
import { AppError, badRequest } from '../../server/errors.ts';
import type { AuthContext } from '../auth/context.ts';
import { unitsInScope } from '../org/scope.ts';

export interface ImportUnit {
  id: string;
  name: string;
  path: string;
  disabled: number;
}

export type UnitResolution = { unit: ImportUnit } | { reason: string };

export interface ImportUnits {
  /** Where rows with a blank 填报单位 go: the chosen default, or the importer's only unit; else none. */
  readonly blankTarget: ImportUnit | null;
  /** Whether blankTarget was chosen for this import (rather than being the importer's only unit). */
  readonly chosen: boolean;
  resolve(unitName: string | null): UnitResolution;
}

export const BLANK_UNIT_REASON = '请填写填报单位（您可以为多个单位填报），或在导入时选择默认单位';

/**
 * Reads the units the importer may write to. A default unit outside them is refused before any row
 * is read (404, in the words of every other out-of-scope unit), a disabled one with 400.
 */
export async function importUnits(
  database: Database,
  auth: AuthContext,
  defaultUnitId: string | null,
): Promise<ImportUnits> {
  const scopeUnits: ImportUnit[] = await database.db
    .selectFrom('units')
    .select(['id', 'name', 'path', 'disabled'])
    .where(unitsInScope(auth))
    .execute();
  const byId = new Map(scopeUnits.map((u) => [u.id, u]));
  const byName = new Map<string, ImportUnit[]>();
  for (const u of scopeUnits) byName.set(u.name, [...(byName.get(u.name) ?? []), u]);
  const chosen = defaultUnitId ? byId.get(defaultUnitId) : undefined;
  if (defaultUnitId && !chosen)
    throw new AppError(404, 'NOT_FOUND', '单位不存在或不在您的数据权限范围内', 'unitId');
  if (chosen?.disabled) throw badRequest('该单位已停用，不能导入', 'unitId');
  const enabled = scopeUnits.filter((u) => !u.disabled);
  const blankTarget = chosen ?? (enabled.length === 1 ? enabled[0]! : null);
  return {
    blankTarget,
    chosen: !!chosen,
    resolve(unitName) {
      if (!unitName) return blankTarget ? { unit: blankTarget } : { reason: BLANK_UNIT_REASON };
      const found = byName.get(unitName) ?? [];
      if (found.length > 1) return { reason: '有多个同名单位，请留空并在导入时选择单位' };
      const unit = found[0];
      if (!unit) return { reason: '单位不存在或不在您的数据权限范围内' };
      if (unit.disabled) return { reason: '该单位已停用' };
      return { unit };
    },
  };
}
