// Data scope (数据权限) as a Kysely expression with bound parameters. Each role contributes one
// condition; a user's roles combine as a union (OR). The same expression guards reads and writes.
import { type Expression, type ExpressionBuilder, type RawBuilder, type SqlBool, sql } from 'kysely';
import { pathUpperBound } from '../../db/index.ts';
import type { DB } from '../../db/schema.ts';
import type { AuthContext } from '../auth/context.ts';

type UnitsEb = ExpressionBuilder<DB, 'units'>;

/** Condition on the `units` table: the units this user may see. */
export function unitsInScope(auth: AuthContext) {
  return (eb: UnitsEb): Expression<SqlBool> => {
    const parts: Expression<SqlBool>[] = [];
    for (const role of auth.roles) {
      switch (role.dataScope) {
        case 'all':
          parts.push(
            eb.and([
              eb('units.path', '>=', auth.user.regionPath),
              eb('units.path', '<', pathUpperBound(auth.user.regionPath)),
            ]),
          );
          break;
        case 'subtree':
          parts.push(
            eb.and([
              eb('units.path', '>=', auth.user.unitPath),
              eb('units.path', '<', pathUpperBound(auth.user.unitPath)),
            ]),
          );
          break;
        case 'unit':
        case 'self':
          // For organisation records, 本人 reaches no further than the user's own unit.
          parts.push(eb('units.id', '=', auth.user.unitId));
          break;
      }
    }
    return parts.length ? eb.or(parts) : eb.lit(false);
  };
}

/**
 * Condition for any table with a unit column (and optionally a creator column): the row's unit is in
 * scope, or, for 本人 roles, the user created the row. Column names come from code, never from input;
 * every value is a bound parameter.
 */
export function rowsInScope(
  auth: AuthContext,
  unitColumn: string,
  createdByColumn?: string,
): RawBuilder<SqlBool> {
  const unit = sql.ref(unitColumn);
  const unitIn = (prefix: string) =>
    sql<SqlBool>`${unit} in (select su.id from units su where su.path >= ${prefix} and su.path < ${pathUpperBound(prefix)})`;
  const parts: RawBuilder<SqlBool>[] = [];
  for (const role of auth.roles) {
    if (role.dataScope === 'all') parts.push(unitIn(auth.user.regionPath));
    else if (role.dataScope === 'subtree') parts.push(unitIn(auth.user.unitPath));
    else if (role.dataScope === 'unit' || !createdByColumn)
      parts.push(sql<SqlBool>`${unit} = ${auth.user.unitId}`);
    else parts.push(sql<SqlBool>`${sql.ref(createdByColumn)} = ${auth.user.id}`);
  }
  if (parts.length === 0) return sql<SqlBool>`1 = 0`;
  return sql<SqlBool>`(${sql.join(parts, sql` or `)})`;
}
