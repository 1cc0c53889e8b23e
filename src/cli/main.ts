// The `fazhi` command line.
import { existsSync } from 'node:fs';
import { Command } from 'commander';
import { backupSqlite, migrate, newId, nowIso, openDatabase } from '../db/index.ts';
import { passwordProblem } from '../domain/access/password-policy.ts';
import { conflictingDuties } from '../domain/access/permissions.ts';
import { appendAudit, SYSTEM_ACTOR, verifyAuditTrail } from '../modules/audit/service.ts';
import { openAuditTrail } from '../modules/audit/trail.ts';
import { hashPassword } from '../modules/auth/password.ts';
import { seedDemoLedgers } from '../modules/demo/ledgers.ts';
import { DEMO_REGIONS, seedDemo } from '../modules/demo/seed.ts';
import { newUserRow } from '../modules/org/users.ts';
import { ConfigError, loadConfig } from '../server/config.ts';
import { prepareDatabase, serve } from '../server/start.ts';
import { registerCheckCommand } from './check.ts';
import type { RestoreOutcome } from './restore.ts';

const program = new Command();
program.name('fazhi').description('法治政府建设综合管理平台 命令行工具').showHelpAfterError();

function fail(message: string, code = 1): never {
  console.error(`错误：${message}`);
  process.exit(code);
}

program
  .command('serve')
  .description('启动服务（默认 http://127.0.0.1:3000，首次启动自动迁移并生成演示县）')
  .action(async () => {
    await serve(loadConfig());
  });

program
  .command('migrate')
  .description('应用数据库迁移')
  .action(async () => {
    const config = loadConfig();
    const database = openDatabase({ databaseUrl: config.databaseUrl, sqliteFile: config.sqliteFile });
    const applied = await migrate(database);
    console.log(applied.length ? `已应用：${applied.join(', ')}` : '数据库已是最新');
    await database.close();
  });

program
  .command('seed')
  .description('生成演示数据')
  .option('--demo', '生成演示县（示范省/示范市/示范县）及演示账户')
  .action(async (opts: { demo?: boolean }) => {
    if (!opts.demo) fail('请指定 --demo');
    const config = loadConfig();
    if (config.production) fail('生产模式（NODE_ENV=production）下不能生成演示账户');
    const database = await prepareDatabase(config, { seedIfEmpty: false });
    try {
      const r = await seedDemo(database, config.demoPassword);
      console.log(
        `已生成演示县：${r.units} 个单位，${r.users} 个演示账户，密码为 FAZHI_DEMO_PASSWORD（${config.demoPassword}）`,
      );
      const counts = await seedDemoLedgers(database, DEMO_REGIONS.county.code);
      console.log(`已生成演示台账数据 ${Object.values(counts).reduce((a, b) => a + b, 0)} 条`);
    } catch (e) {
      fail((e as Error).message);
    } finally {
      await database.close();
    }
  });

program
  .command('init')
  .description('生产部署初始化：建立行政区划（省/市/县）及一个顶级单位')
  .requiredOption('--province <code:name>', '省级区划，如 440000:广东省')
  .option('--city <code:name>', '市级区划，如 440100:广州市')
  .option('--county <code:name>', '县级区划，如 440103:荔湾区')
  .requiredOption('--unit <name>', '在最低一级区划下建立的单位名称，如 区司法局')
  .action(async (opts: { province: string; city?: string; county?: string; unit: string }) => {
    const config = loadConfig();
    const database = await prepareDatabase(config, { seedIfEmpty: false });
    const levels = [
      ['province', opts.province],
      ['city', opts.city],
      ['county', opts.county],
    ] as const;
    try {
      const unitId = await database.db.transaction().execute(async (trx) => {
        let parent: { code: string; path: string } | null = null;
        const now = nowIso();
        for (const [level, spec] of levels) {
          if (!spec) continue;
          const m = /^(\d{6}):(.+)$/.exec(spec);
          if (!m) throw new Error(`区划格式应为 6位代码:名称，收到「${spec}」`);
          const [, code, name] = m as unknown as [string, string, string];
          const path: string = `${parent?.path ?? '/'}${code}/`;
          const existing = await trx
            .selectFrom('regions')
            .select(['code', 'path'])
            .where('code', '=', code)
            .executeTakeFirst();
          if (!existing)
            await trx
              .insertInto('regions')
              .values({ code, name, level, parent_code: parent?.code ?? null, path, created_at: now })
              .execute();
          parent = { code, path: existing?.path ?? path };
        }
        if (!parent) throw new Error('至少需要省级区划');
        const id = newId();
        await trx
          .insertInto('units')
          .values({
            id,
            region_code: parent.code,
            parent_id: null,
            name: opts.unit,
            type: 'rule_of_law_office',
            code: null,
            sort: 0,
            path: `${parent.path}${id}/`,
            disabled: 0,
            version: 1,
            created_by: null,
            created_at: now,
            updated_at: now,
          })
          .execute();
        await appendAudit(trx, database, SYSTEM_ACTOR, {
          action: 'org.init',
          entityType: 'unit',
          entityId: id,
          details: { region: parent.code, unit: opts.unit },
        });
        return id;
      });
      console.log(`已建立单位「${opts.unit}」，单位 ID：${unitId}`);
    } catch (e) {
      fail((e as Error).message);
    } finally {
      await database.close();
    }
  });

program
  .command('user:create')
  .description('创建账户（生产模式下用于创建首个管理员）')
  .requiredOption('--username <name>', '用户名')
  .requiredOption('--name <displayName>', '姓名')
  .requiredOption('--unit <idOrName>', '所属单位的 ID 或名称')
  .option('--role <codes>', '角色代码，逗号分隔，如 sysadmin', 'sysadmin')
  .option('--password <password>', '初始密码（不给则读取环境变量 FAZHI_NEW_PASSWORD）')
  .action(async (opts: { username: string; name: string; unit: string; role: string; password?: string }) => {
    const config = loadConfig();
    const password = opts.password ?? process.env.FAZHI_NEW_PASSWORD;
    if (!password) fail('请用 --password 或环境变量 FAZHI_NEW_PASSWORD 提供初始密码');
    const username = opts.username.trim().toLowerCase();
    const problem = passwordProblem(password, undefined, username);
    if (problem) fail(problem);
    const database = await prepareDatabase(config, { seedIfEmpty: false });
    try {
      const units = await database.db
        .selectFrom('units')
        .select(['id', 'name'])
        .where((eb) => eb.or([eb('id', '=', opts.unit), eb('name', '=', opts.unit)]))
        .execute();
      if (units.length !== 1)
        throw new Error(
          units.length
            ? `有多个名为「${opts.unit}」的单位，请改用单位 ID`
            : `找不到单位「${opts.unit}」，可先运行 fazhi init`,
        );
      const codes = opts.role
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      const roles = await database.db
        .selectFrom('roles')
        .select(['id', 'code', 'duty'])
        .where('code', 'in', codes)
        .execute();
      if (roles.length !== codes.length)
        throw new Error(`未知角色：${codes.filter((c) => !roles.some((r) => r.code === c)).join('、')}`);
      const clash = conflictingDuties(roles);
      if (clash) throw new Error(clash);
      const hash = await hashPassword(password);
      await database.db.transaction().execute(async (trx) => {
        if (await trx.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst())
          throw new Error(`用户名「${username}」已存在`);
        const id = newId();
        const row = newUserRow({
          id,
          username,
          displayName: opts.name,
          unitId: units[0]!.id,
          passwordHash: hash,
          mustChangePassword: true,
          createdBy: null,
        });
        await trx.insertInto('users').values(row).execute();
        for (const r of roles)
          await trx.insertInto('user_roles').values({ user_id: id, role_id: r.id }).execute();
        await appendAudit(trx, database, SYSTEM_ACTOR, {
          action: 'user.create',
          entityType: 'user',
          entityId: id,
          before: null,
          after: { ...row, roles: codes },
        });
      });
      console.log(`已创建账户 ${username}（${codes.join('、')}），首次登录须修改密码`);
    } catch (e) {
      fail((e as Error).message);
    } finally {
      await database.close();
    }
  });

program
  .command('backup')
  .description('备份 SQLite 数据库（服务运行时也可得到一致的副本）；PostgreSQL 请使用 pg_dump')
  .argument('<file>', '备份文件路径')
  .action(async (file: string) => {
    const config = loadConfig();
    if (config.databaseUrl)
      fail('当前使用 PostgreSQL，请使用 pg_dump 备份，例如：pg_dump "$DATABASE_URL" > fazhi.sql');
    if (!existsSync(config.sqliteFile)) fail(`找不到数据库文件 ${config.sqliteFile}`);
    if (existsSync(file)) fail(`目标文件已存在：${file}`);
    await backupSqlite(config.sqliteFile, file);
    console.log(`已备份到 ${file}`);
  });

program
  .command('restore')
  .description(
    '从备份恢复 SQLite 数据库（请先停止服务；先用审计密钥校验备份的审计链，恢复后全部会话失效）；PostgreSQL 请使用 psql/pg_restore',
  )
  .argument('<file>', '备份文件路径')
  .option('--yes', '确认覆盖当前数据库')
  .option('--accept-unkeyed', '接受启用审计密钥之前的备份（其审计记录没有密钥校验码；恢复记录中会注明）')
  .action(async (file: string, opts: { yes?: boolean; acceptUnkeyed?: boolean }) => {
    const config = loadConfig();
    if (config.databaseUrl)
      fail('当前使用 PostgreSQL，请使用 psql 或 pg_restore 恢复，然后运行 fazhi restore:finish --yes');
    const { RestoreRefused, restoreSqlite } = await import('./restore.ts');
    try {
      const r = await restoreSqlite(config, file, {
        confirmed: opts.yes === true,
        acceptUnkeyed: opts.acceptUnkeyed === true,
      });
      console.log(`已从 ${file} 恢复数据库 ${config.sqliteFile}`);
      printRestore(r);
    } catch (e) {
      if (e instanceof RestoreRefused) fail(e.message);
      throw e;
    }
  });

program
  .command('restore:finish')
  .description(
    'PostgreSQL：用 psql/pg_restore 恢复后运行（请先停止服务）：用审计密钥校验审计链，结束全部会话，重置审计检查点',
  )
  .option('--yes', '确认结束全部会话并重置审计检查点')
  .option('--accept-unkeyed', '接受启用审计密钥之前的数据库（其审计记录没有密钥校验码；恢复记录中会注明）')
  .action(async (opts: { yes?: boolean; acceptUnkeyed?: boolean }) => {
    const config = loadConfig();
    const { RestoreRefused, finishPgRestore } = await import('./restore.ts');
    try {
      printRestore(
        await finishPgRestore(config, {
          confirmed: opts.yes === true,
          acceptUnkeyed: opts.acceptUnkeyed === true,
        }),
      );
    } catch (e) {
      if (e instanceof RestoreRefused) fail(e.message);
      throw e;
    }
  });

function printRestore(r: RestoreOutcome): void {
  console.log(
    `恢复的数据库中审计日志截至第 ${r.backupHead} 条${r.backupHeadAt ? `（${r.backupHeadAt}）` : ''}，` +
      `恢复前检查点记录到第 ${r.checkpointBefore ?? '—'} 条；恢复已记入第 ${r.resetTo} 条审计记录，` +
      `检查点重置到该条。已结束恢复前的全部会话（库中 ${r.sessionsEnded} 个）。`,
  );
}

program
  .command('audit:verify')
  .description('校验审计日志：逐条校验码（审计密钥）、序号连续，且不短于库外的检查点；指出第一条问题记录')
  .action(async () => {
    const config = loadConfig();
    const database = openDatabase({ databaseUrl: config.databaseUrl, sqliteFile: config.sqliteFile });
    let verification: Awaited<ReturnType<typeof verifyAuditTrail>>;
    try {
      await openAuditTrail(database, config, { writes: false, log: (m) => console.error(m) });
      verification = await verifyAuditTrail(database);
    } catch (e) {
      await database.close();
      fail((e as Error).message);
    }
    await database.close();
    const { checked, broken, checkpoint } = verification;
    if (broken) {
      console.error(
        broken.kind === 'record'
          ? `审计日志校验失败：第 ${broken.seq} 条记录（ID ${broken.id}）${broken.reason}。此前 ${checked} 条完好。`
          : `审计日志校验失败：${broken.reason}。`,
      );
      process.exit(1);
    }
    console.log(
      `审计日志完好：共 ${checked} 条记录，校验码与序号连续` +
        (checkpoint
          ? `，不短于检查点（第 ${checkpoint.seq} 条，${checkpoint.at}）。`
          : '。未找到审计检查点，无法判断末尾是否被删除。'),
    );
  });

program
  .command('rollups:verify')
  .description('按台账记录重算全部汇总数据（各单位及各级合计），列出不一致之处；有不一致时退出码为 1')
  .action(async () => {
    const { describeDifference, verifyRollups } = await import('../modules/ledgers/rollup-verify.ts');
    const config = loadConfig();
    const database = openDatabase({ databaseUrl: config.databaseUrl, sqliteFile: config.sqliteFile });
    try {
      const { records, differences } = await verifyRollups(database);
      if (differences.length === 0) {
        console.log(`汇总数据与记录一致：共核对 ${records} 条记录。`);
        return;
      }
      console.error(`汇总数据与记录不一致：共 ${differences.length} 处（核对 ${records} 条记录）。`);
      for (const d of differences) console.error(describeDifference(d));
      process.exitCode = 1;
    } catch (e) {
      fail(`无法核对汇总数据：${(e as Error).message}`);
    } finally {
      await database.close();
    }
  });

program
  .command('import')
  .description('从 .xlsx 导入台账记录（与网页导入相同：先全部校验，任何一行有错则不写入）')
  .argument('<ledger>', '台账代码，如 reconsideration（fazhi ledgers 可列出全部）')
  .argument('<file>', '.xlsx 文件')
  .option('--unit <unit>', '默认填报单位（ID 或全称）；不给时每行须填写“填报单位”列')
  .action(async (key: string, file: string, opts: { unit?: string }) => {
    const { importFromCli } = await import('./import.ts');
    process.exitCode = await importFromCli(key, file, opts.unit);
  });

program
  .command('ledgers')
  .description('列出全部台账及其代码')
  .action(async () => {
    const { LEDGERS } = await import('../domain/ledgers/index.ts');
    for (const d of LEDGERS) console.log(`${d.key.padEnd(22)} ${d.title}`);
  });

registerCheckCommand(program);

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof ConfigError) fail(e.message);
  throw e;
}
