import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../dialect.ts';

/**
 * PostgreSQL: every ledger write updates rows of the rollup tables in place, so they collect dead
 * tuples far faster than their size suggests. With the default thresholds (20 % of a table of millions
 * of rows) autovacuum comes too late and indicator reads wade through bloat; vacuum and analyse them
 * after 1 % has changed instead. SQLite has no vacuum debt of this kind: nothing to do.
 */
export function rollupAutovacuum(dialect: Dialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      if (dialect !== 'postgres') return;
      for (const table of ['ledger_rollups', 'ledger_rollup_totals'])
        await sql`alter table ${sql.table(table)} set (
          autovacuum_vacuum_scale_factor = 0.01,
          autovacuum_analyze_scale_factor = 0.01,
          autovacuum_vacuum_cost_delay = 0
        )`.execute(db);
    },
    async down(): Promise<void> {
      throw new Error('迁移只增不减 (migrations are additive)');
    },
  };
}
