// Storage for declarative ledgers: one table per ledger, derived from its definition. Creating a
// ledger creates its table; adding a field adds a column (additive only, as every migration here).
import { type ColumnDataType, type Kysely, sql } from 'kysely';
import type { FieldDef, LedgerDef } from '../domain/ledgers/define.ts';
import type { Database } from './index.ts';

export function ledgerTable(def: LedgerDef): string {
  return `lg_${snake(def.key)}`;
}

export function snake(s: string): string {
  return s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

export function columnOf(field: string): string {
  return `f_${snake(field)}`;
}

function columnType(field: FieldDef, dialect: Database['dialect']): ColumnDataType | ReturnType<typeof sql> {
  switch (field.type) {
    case 'int':
    case 'bool':
      return 'integer';
    case 'money':
      return dialect === 'postgres' ? 'bigint' : 'integer';
    case 'decimal':
      return dialect === 'postgres' ? 'double precision' : 'real';
    default:
      return 'text';
  }
}

/** Creates missing ledger tables and columns. Safe to run at every start. */
export async function syncLedgerTables(database: Database, defs: LedgerDef[]): Promise<string[]> {
  const db = database.db as unknown as Kysely<Record<string, unknown>>;
  const existing = new Map(
    (await db.introspection.getTables()).map((t) => [t.name, new Set(t.columns.map((c) => c.name))]),
  );
  const changes: string[] = [];
  const pathType = database.dialect === 'postgres' ? sql`text collate "C"` : sql`text`;
  for (const def of defs) {
    const table = ledgerTable(def);
    const columns = existing.get(table);
    if (!columns) {
      let create = db.schema
        .createTable(table)
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
        .addColumn('unit_path', pathType, (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0));
      for (const [name, field] of Object.entries(def.fields)) {
        create = create.addColumn(columnOf(name), columnType(field, database.dialect) as ColumnDataType);
      }
      await create.execute();
      await db.schema
        .createIndex(`${table}_scope`)
        .on(table)
        .columns(['unit_path', columnOf(def.sortBy)])
        .execute();
      // The natural key is unique within a unit among live records; the Excel import upserts by it.
      await db.schema
        .createIndex(`${table}_natural`)
        .on(table)
        .columns(['unit_id', ...def.naturalKey.map(columnOf)])
        .unique()
        .where(sql.ref('deleted'), '=', 0)
        .execute();
      changes.push(`创建台账表 ${table}`);
    } else {
      for (const [name, field] of Object.entries(def.fields)) {
        if (columns.has(columnOf(name))) continue;
        await db.schema
          .alterTable(table)
          .addColumn(columnOf(name), columnType(field, database.dialect) as ColumnDataType)
          .execute();
        changes.push(`台账表 ${table} 新增列 ${columnOf(name)}`);
      }
    }
    // A 本人 scope reads "records this user created": its lists and figures look them up by creator.
    await db.schema
      .createIndex(`${table}_creator`)
      .ifNotExists()
      .on(table)
      .columns(['created_by', 'unit_path'])
      .execute();
    // A filtered list is "this value, within this subtree": equality first, then the path range, so
    // that a county's list over a province's millions of rows reads only the matching rows.
    for (const [name, field] of Object.entries(def.fields)) {
      if (!field.filter || name === def.sortBy) continue;
      await db.schema
        .createIndex(`${table}_${snake(name)}_in_scope`)
        .ifNotExists()
        .on(table)
        .columns([columnOf(name), 'unit_path'])
        .execute();
    }
  }
  return changes;
}
