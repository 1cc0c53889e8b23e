// Opening the database for a command or the server: migrate, ensure built-in roles, and on first
// start in demo mode fill the demo county.
import { type Database, migrate, openDatabase } from '../db/index.ts';
import { syncLedgerTables } from '../db/ledger-storage.ts';
import { LEDGERS } from '../domain/ledgers/index.ts';
import { openAuditTrail } from '../modules/audit/trail.ts';
import { DEMO_YEARS, seedDemoLedgers } from '../modules/demo/ledgers.ts';
import { DEMO_REGIONS, ensureBuiltinRoles, isEmpty, seedDemo } from '../modules/demo/seed.ts';
import { refreshChangedDerivations } from '../modules/ledgers/derived-refresh.ts';
import { rebuildChangedRollups } from '../modules/ledgers/rollup-rebuild.ts';
import { buildApp } from './app.ts';
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
  const rebuilt = await rebuildChangedRollups(database);
  if (rebuilt.length) log(rebuilt.join('；'));
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

/** `fazhi serve`: open the database, log JSON lines to standard output at LOG_LEVEL, listen until a signal. */
export async function serve(config: Config): Promise<void> {
  const database = await prepareDatabase(config, { seedIfEmpty: true, log: (m) => console.log(m) });
  const app = await buildApp({ database, config }, { log: { level: config.logLevel } });
  // A crash leaves its reason in the log before the process goes (the logger writes synchronously).
  const die = (message: string) => (err: unknown) => {
    app.log.fatal({ err }, message);
    process.exit(1);
  };
  process.on('uncaughtException', die('未捕获的异常，服务退出'));
  process.on('unhandledRejection', die('未处理的 Promise 拒绝，服务退出'));
  await app.listen({ port: config.port, host: config.host });
  console.log(
    `法治政府建设综合管理平台已启动：http://${config.host}:${config.port}  （数据库：${database.dialect}）`,
  );
  if (!config.production) console.log(`演示模式：演示账户密码为 ${config.demoPassword}`);
  const stop = async () => {
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
