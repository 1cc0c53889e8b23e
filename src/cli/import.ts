// `fazhi import LEDGER FILE.xlsx [--unit U]`: the web import, run by an operator on the server.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { findLedger } from '../domain/ledgers/index.ts';
import { SYSTEM_ACTOR } from '../modules/audit/service.ts';
import type { AuthContext } from '../modules/auth/context.ts';
import { ImportRejected, MAX_IMPORT_BYTES, parseImport, writeImport } from '../modules/ledgers/excel.ts';
import { importUnits } from '../modules/ledgers/import-units.ts';
import { loadConfig } from '../server/config.ts';
import { prepareDatabase } from '../server/start.ts';

/** The operator acts with a whole-database scope; the audit trail records the import as `system`. */
function operatorContext(): AuthContext {
  return {
    sessionId: 'cli',
    csrfToken: '',
    stage: 'active',
    user: {
      id: 'system',
      username: 'system',
      displayName: '命令行',
      unitId: '',
      unitName: '',
      unitPath: '/',
      regionCode: '',
      regionName: '全部',
      regionPath: '/',
      mustChangePassword: false,
      totpEnabled: false,
    },
    roles: [
      {
        id: 'cli',
        code: 'cli',
        name: '命令行',
        duty: null,
        dataScope: 'all',
        permissions: ['ledger:read', 'ledger:edit'],
      },
    ],
    permissions: new Set(['ledger:read', 'ledger:edit']),
    needsTotpSetup: false,
  };
}

export async function importFromCli(key: string, file: string, unit?: string): Promise<number> {
  const def = findLedger(key);
  if (!def) {
    console.error(`错误：没有代码为「${key}」的台账，可用 fazhi ledgers 查看`);
    return 2;
  }
  if (!existsSync(file)) {
    console.error(`错误：找不到文件 ${file}`);
    return 2;
  }
  if (statSync(file).size > MAX_IMPORT_BYTES) {
    console.error(`错误：文件超过 ${MAX_IMPORT_BYTES / 1024 / 1024} MB，请拆分后导入`);
    return 2;
  }
  const config = loadConfig();
  const database = await prepareDatabase(config, { seedIfEmpty: false });
  try {
    let unitId: string | null = null;
    if (unit) {
      const found = await database.db
        .selectFrom('units')
        .select(['id'])
        .where((eb) => eb.or([eb('id', '=', unit), eb('name', '=', unit), eb('code', '=', unit)]))
        .execute();
      if (found.length !== 1) {
        console.error(
          `错误：${found.length ? `有多个单位匹配「${unit}」，请改用单位 ID` : `找不到单位「${unit}」`}`,
        );
        return 2;
      }
      unitId = found[0]!.id;
    }
    const units = await importUnits(database, operatorContext(), unitId);
    const parsed = await parseImport(def, readFileSync(file), undefined, units);
    console.log(`校验通过：${parsed.rows.length} 行`);
    const result = await writeImport(
      database,
      operatorContext(),
      { ...SYSTEM_ACTOR, username: 'system(cli)' },
      def,
      parsed,
      unitId,
      basename(file),
      () => console.log('正在写入…'),
    );
    console.log(
      `导入完成：${def.title} 共 ${result.rows} 行，新增 ${result.created}，更新 ${result.updated}`,
    );
    if (result.blankUnit)
      console.log(`其中 ${result.blankUnit.rows} 行未填写填报单位，已导入到「${result.blankUnit.name}」`);
    return 0;
  } catch (e) {
    if (e instanceof ImportRejected) {
      console.error(`${e.message}`);
      for (const err of e.errors.slice(0, 50))
        console.error(
          `  第 ${err.row} 行「${err.column}」${err.value ? `（${err.value}）` : ''}：${err.reason}`,
        );
      if (e.errors.length > 50) console.error(`  …另有 ${e.errors.length - 50} 处`);
      return 1;
    }
    console.error(`错误：${(e as Error).message}`);
    return 1;
  } finally {
    await database.close();
  }
}
