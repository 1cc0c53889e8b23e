import { type Db, pathUpperBound } from '../../db/index.ts';
import { REGION_LEVELS } from '../../domain/org/unit-types.ts';
import type { AuthContext } from '../auth/context.ts';

/** The user's region and every region below it. */
export async function listRegions(db: Db, auth: AuthContext) {
  const rows = await db
    .selectFrom('regions')
    .selectAll()
    .where('path', '>=', auth.user.regionPath)
    .where('path', '<', pathUpperBound(auth.user.regionPath))
    .orderBy('path')
    .execute();
  return rows.map((r) => ({
    code: r.code,
    name: r.name,
    level: r.level,
    levelLabel: REGION_LEVELS[r.level],
    parentCode: r.parent_code,
  }));
}
