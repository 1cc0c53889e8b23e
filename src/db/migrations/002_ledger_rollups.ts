import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../dialect.ts';

/**
 * Rollups: per unit × period × ledger × measure, kept current inside each write transaction, so that
 * an indicator for a county or a province reads O(units) rows rather than scanning records.
 * `period` is 'YYYY' or 'YYYY-MM'; `unit_path` is copied from the unit so that a subtree is a range.
 */
export function ledgerRollups(dialect: Dialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('ledger_rollups')
        .addColumn('ledger', 'text', (c) => c.notNull())
        .addColumn('measure', 'text', (c) => c.notNull())
        .addColumn('period', 'text', (c) => c.notNull())
        .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
        .addColumn('unit_path', dialect === 'postgres' ? sql`text collate "C"` : sql`text`, (c) =>
          c.notNull(),
        )
        .addColumn('value', dialect === 'postgres' ? 'bigint' : 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('ledger_rollups_pk', ['ledger', 'measure', 'period', 'unit_id'])
        .execute();
      await db.schema
        .createIndex('ledger_rollups_scan')
        .on('ledger_rollups')
        .columns(['period', 'unit_path', 'ledger', 'measure', 'value'])
        .execute();
    },
    async down(): Promise<void> {
      throw new Error('迁移只增不减 (migrations are additive)');
    },
  };
}
