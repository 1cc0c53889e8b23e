// Data scope (数据权限) as SQL conditions with bound parameters. Each role contributes one
// condition; a user's roles combine as a union (OR). The same conditions guard reads and writes.
import { type Expression, type ExpressionBuilder, type RawBuilder, type SqlBool, sql } from 'kysely';
import { pathUpperBound } from '../../db/index.ts';
import type { DB } from '../../db/schema.ts';
import type { DataScope } from '../../domain/access/permissions.ts';
import type { AuthContext } from '../auth/context.ts';

/** What one role lets the user reach: a subtree of units by path prefix, one unit, or own rows. */
export type ScopeGrant = { subtree: string } | { unit: string } | { creator: string };

export function scopeGrants(auth: AuthContext): ScopeGrant[] {
  const grant: Record<DataScope, ScopeGrant> = {
    all: { subtree: auth.user.regionPath },
    subtree: { subtree: auth.user.unitPath },
    unit: { unit: auth.user.unitId },
    self: { creator: auth.user.id },
  };
  return auth.roles.map((role) => grant[role.dataScope]);
}

/** Condition on the `units` table: the units this user may see and change. */
export function unitsInScope(auth: AuthContext) {
  return (eb: ExpressionBuilder<DB, 'units'>): Expression<SqlBool> => {
    const parts = scopeGrants(auth).map((g) => {
      if ('subtree' in g) {
        return eb.and([eb('units.path', '>=', g.subtree), eb('units.path', '<', pathUpperBound(g.subtree))]);
      }
      // For organisation records, 本人 reaches no further than the user's own unit.
      return eb('units.id', '=', auth.user.unitId);
    });
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
  const parts = scopeGrants(auth).map((g) => {
    if ('subtree' in g) {
      return sql<SqlBool>`${unit} in (select su.id from units su where su.path >= ${g.subtree} and su.path < ${pathUpperBound(g.subtree)})`;
    }
    if ('creator' in g && createdByColumn) return sql<SqlBool>`${sql.ref(createdByColumn)} = ${g.creator}`;
    return sql<SqlBool>`${unit} = ${auth.user.unitId}`;
  });
  if (parts.length === 0) return sql<SqlBool>`1 = 0`;
  return sql<SqlBool>`(${sql.join(parts, sql` or `)})`;
}

/**
 * Scope condition for tables that carry a copy of the unit path (ledger records, rollups): a range on
 * the path for subtree grants, so that a scoped list over millions of rows uses the index.
 */
export function recordsInScope(
  auth: AuthContext,
  cols: { path: string; unit: string; creator?: string },
): RawBuilder<SqlBool> {
  const parts = scopeGrants(auth).map((g) => {
    if ('subtree' in g) {
      return sql<SqlBool>`(${sql.ref(cols.path)} >= ${g.subtree} and ${sql.ref(cols.path)} < ${pathUpperBound(g.subtree)})`;
    }
    if ('creator' in g && cols.creator) return sql<SqlBool>`${sql.ref(cols.creator)} = ${g.creator}`;
    return sql<SqlBool>`${sql.ref(cols.unit)} = ${auth.user.unitId}`;
  });
  if (parts.length === 0) return sql<SqlBool>`1 = 0`;
  return sql<SqlBool>`(${sql.join(parts, sql` or `)})`;
}
