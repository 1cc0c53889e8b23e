// Opening the database for a command or the server: migrate, ensure built-in roles, and on first
// start in demo mode fill the demo county.
import { type Database, migrate, openDatabase } from '../db/index.ts';
import { syncLedgerTables } from '../db/ledger-storage.ts';
import { LEDGERS } from '../domain/ledgers/index.ts';
import { openAuditTrail } from '../modules/audit/trail.ts';
import { DEMO_YEARS, seedDemoLedgers } from '../modules/demo/ledgers.ts';
import { DEMO_REGIONS, ensureBuiltinRoles, isEmpty, seedDemo } from '../modules/demo/seed.ts';
import { refreshChangedDerivations } from '../modules/ledgers/derived-refresh.ts';
import type { Config } from './config.ts';

export async function prepareDatabase(
  config: Config,
  opts: { seedIfEmpty: boolean; seedLedgers?: boolean; log?: (m: string) => void },
): Promise<Database> {
  const database = openDatabase({ databaseUrl: config.databaseUrl, sqliteFile: config.sqliteFile });
  const log = opts.log ?? (() => {});
  const applied = await migrate(database);
  if (applied.length) log(`已应用数据库迁移：${applied.join(', ')}`);
  await openAuditTrail(database, config, { writes: true, log });
  const ledgerChanges = await syncLedgerTables(database, LEDGERS);
  if (ledgerChanges.length) log(ledgerChanges.join('；'));
  const derivedChanges = await refreshChangedDerivations(database);
  if (derivedChanges.length) log(derivedChanges.join('；'));
  await database.db.transaction().execute((trx) => ensureBuiltinRoles(trx));
  if (opts.seedIfEmpty && !config.production && (await isEmpty(database))) {
    const r = await seedDemo(database, config.demoPassword);
    log(`首次启动：已生成演示县（${r.units} 个单位，${r.users} 个演示账户）`);
    if (opts.seedLedgers !== false) {
      const counts = await seedDemoLedgers(database, DEMO_REGIONS.county.code);
      log(
        `已生成演示台账数据 ${Object.values(counts).reduce((a, b) => a + b, 0)} 条（${DEMO_YEARS.join('、')} 年）`,
      );
    }
  }
  return database;
}
