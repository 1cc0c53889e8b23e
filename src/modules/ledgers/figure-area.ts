// What one figure may count: the caller's data scope intersected with the unit (or region) asked for,
// split into disjoint pieces so that a union of grants never counts a record twice. Subtree grants and
// the own unit are answered by the rollups; 本人 grants by the records themselves, because the rollups
// are not kept per creator. The drill-down list applies the same scope condition to the same records,
// so a figure always equals the count (or sum) of the records its drill-down lists.
import { type RawBuilder, type SqlBool, sql } from 'kysely';
import { pathUpperBound } from '../../db/index.ts';
import type { AuthContext } from '../auth/context.ts';
import { scopeGrants } from '../org/scope.ts';

export interface FigureArea {
  /** Paths whose subtree totals count whole; none lies inside another. */
  subtrees: string[];
  /** Units whose own rows count; none lies inside a subtree above. */
  units: Array<{ id: string; path: string }>;
  /** Records the user created outside the pieces above (本人), counted from the records themselves. */
  created: RawBuilder<SqlBool> | null;
}

/** The part of the organisation a figure is asked for: a subtree (a unit's or a region's) or one unit. */
export type FigureTarget =
  | { path: string; unitId: string | null; subtree: true }
  | {
      path: string;
      unitId: string;
      subtree: false;
    };

const within = (path: string, prefix: string) => path.startsWith(prefix);

const subtreeRecords = (path: string) =>
  sql<SqlBool>`(r.unit_path >= ${path} and r.unit_path < ${pathUpperBound(path)})`;

/** The area of a figure: the whole scope (no target) or the target's part of it. */
export function figureArea(auth: AuthContext, target: FigureTarget | null): FigureArea {
  const subtrees = new Set<string>();
  const units = new Map<string, string>();
  let byCreator: string | null = null;
  for (const g of scopeGrants(auth)) {
    if ('subtree' in g) {
      if (!target) subtrees.add(g.subtree);
      else if (target.subtree && within(target.path, g.subtree)) subtrees.add(target.path);
      else if (target.subtree && within(g.subtree, target.path)) subtrees.add(g.subtree);
      else if (!target.subtree && within(target.path, g.subtree)) units.set(target.unitId, target.path);
    } else if ('unit' in g) {
      const own = { id: auth.user.unitId, path: auth.user.unitPath };
      const inTarget = !target || (target.subtree ? within(own.path, target.path) : target.unitId === own.id);
      if (inTarget) units.set(own.id, own.path);
    } else {
      byCreator = g.creator;
    }
  }
  const outermost = [...subtrees].filter((p) => ![...subtrees].some((q) => q !== p && within(p, q)));
  const ownRows = [...units]
    .filter(([, path]) => !outermost.some((p) => within(path, p)))
    .map(([id, path]) => ({ id, path }));
  const area: FigureArea = { subtrees: outermost, units: ownRows, created: null };
  // Where the pieces already cover the whole target, the user's own records there add nothing.
  const covered =
    target !== null &&
    (outermost.some((p) => within(target.path, p)) ||
      (!target.subtree && ownRows.some((u) => u.id === target.unitId)));
  if (byCreator && !covered) {
    const parts = [sql<SqlBool>`r.created_by = ${byCreator}`];
    if (target)
      parts.push(target.subtree ? subtreeRecords(target.path) : sql<SqlBool>`r.unit_id = ${target.unitId}`);
    if (hasPieces(area)) parts.push(sql<SqlBool>`not ${piecesRecords(area)}`);
    area.created = sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
  }
  return area;
}

export const hasPieces = (area: FigureArea) => area.subtrees.length > 0 || area.units.length > 0;

/** The rollup pieces as a condition on ledger records (alias r), for days the rollups do not split. */
export function piecesRecords(area: FigureArea): RawBuilder<SqlBool> {
  const parts = [
    ...area.subtrees.map(subtreeRecords),
    ...area.units.map((u) => sql<SqlBool>`r.unit_id = ${u.id}`),
  ];
  if (!parts.length) return sql<SqlBool>`1 = 0`;
  return sql<SqlBool>`(${sql.join(parts, sql` or `)})`;
}

/** The node of a subtree in `ledger_rollup_totals`: the last region code or unit id on its path. */
export const nodeOf = (path: string) => path.split('/').filter(Boolean).pop()!;
