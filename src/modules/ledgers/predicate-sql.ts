// Compiles a measure's predicate (data) into a parameterised SQL condition on a ledger table.
import { type RawBuilder, type SqlBool, sql } from 'kysely';
import { columnOf } from '../../db/ledger-storage.ts';
import type { LedgerDef, Predicate } from '../../domain/ledgers/define.ts';

function literal(def: LedgerDef, field: string, value: string | number | boolean): string | number {
  if (def.fields[field]?.type === 'bool' || typeof value === 'boolean') return value ? 1 : 0;
  return value;
}

const NUMERIC_TYPES = new Set(['int', 'decimal', 'money', 'bool']);
const isText = (def: LedgerDef, field: string) => !NUMERIC_TYPES.has(def.fields[field]?.type ?? 'text');

export function predicateSql(def: LedgerDef, pr: Predicate): RawBuilder<SqlBool> {
  switch (pr.op) {
    // Text columns also treat '' as empty (as matches() does); a number column cannot hold '' and
    // PostgreSQL refuses to compare one with it.
    case 'notNull':
      return isText(def, pr.field)
        ? sql<SqlBool>`(${sql.ref(columnOf(pr.field))} is not null and ${sql.ref(columnOf(pr.field))} <> '')`
        : sql<SqlBool>`${sql.ref(columnOf(pr.field))} is not null`;
    case 'isNull':
      return isText(def, pr.field)
        ? sql<SqlBool>`(${sql.ref(columnOf(pr.field))} is null or ${sql.ref(columnOf(pr.field))} = '')`
        : sql<SqlBool>`${sql.ref(columnOf(pr.field))} is null`;
    case 'eq':
      return sql<SqlBool>`${sql.ref(columnOf(pr.field))} = ${literal(def, pr.field, pr.value)}`;
    case 'in':
      if (pr.values.length === 0) return sql<SqlBool>`1 = 0`;
      return sql<SqlBool>`${sql.ref(columnOf(pr.field))} in (${sql.join(pr.values.map((v) => literal(def, pr.field, v)))})`;
    case 'and':
      return pr.of.length
        ? sql<SqlBool>`(${sql.join(
            pr.of.map((x) => predicateSql(def, x)),
            sql` and `,
          )})`
        : sql<SqlBool>`1 = 1`;
    case 'or':
      return pr.of.length
        ? sql<SqlBool>`(${sql.join(
            pr.of.map((x) => predicateSql(def, x)),
            sql` or `,
          )})`
        : sql<SqlBool>`1 = 0`;
    case 'not':
      // SQL's NOT of an unknown (a comparison with NULL) is unknown, which WHERE drops; matches() treats
      // an empty field as "not equal", so the negation holds. Make the inner condition definite first.
      return sql<SqlBool>`(case when ${predicateSql(def, pr.of)} then 1 else 0 end) = 0`;
  }
}
