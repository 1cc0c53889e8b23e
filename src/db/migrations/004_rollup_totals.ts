import type { Kysely } from 'kysely';
import type { Dialect } from '../dialect.ts';

/**
 * Subtree totals: for every node on a unit's path — each region (province, city, county) and each
 * ancestor unit, and the unit itself — the sum of everything below it, per period, ledger and measure.
 * A county-year or a province-year figure is then one indexed read of about a hundred rows, however
 * many records lie beneath.
 */
export function rollupTotals(dialect: Dialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('ledger_rollup_totals')
        .addColumn('node', 'text', (c) => c.notNull())
        .addColumn('period', 'text', (c) => c.notNull())
        .addColumn('ledger', 'text', (c) => c.notNull())
        .addColumn('measure', 'text', (c) => c.notNull())
        .addColumn('value', dialect === 'postgres' ? 'bigint' : 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('ledger_rollup_totals_pk', ['node', 'period', 'ledger', 'measure'])
        .execute();
    },
    async down(): Promise<void> {
      throw new Error('迁移只增不减 (migrations are additive)');
    },
  };
}
