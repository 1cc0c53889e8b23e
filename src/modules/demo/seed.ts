// The demo county: a fictional 示范县 under a fictional city and province, with its organisation
// and demo accounts. Deterministic, so that tests and screenshots are stable.

import { type Database, newId, nowIso, type Trx } from '../../db/index.ts';
import { BUILTIN_ROLES } from '../../domain/access/permissions.ts';
import { appendAudit, SYSTEM_ACTOR } from '../audit/service.ts';
import { hashPassword } from '../auth/password.ts';
import { newUserRow } from '../org/users.ts';
import { demoAccounts } from './accounts.ts';

export const DEMO_REGIONS = {
  province: { code: '990000', name: '示范省' },
  city: { code: '990100', name: '示范市' },
  county: { code: '990121', name: '示范县' },
};

export const DEMO_TOWNSHIPS = [
  '城关镇',
  '青山镇',
  '白石镇',
  '河口镇',
  '龙泉镇',
  '桃源乡',
  '柳溪乡',
  '石门镇',
  '新塘镇',
  '松林乡',
  '梅花镇',
  '金沙镇',
  '东湖街道',
  '西城街道',
];

export const DEMO_DEPARTMENTS = [
  '县人民政府办公室',
  '县发展和改革局',
  '县教育局',
  '县科学技术局',
  '县工业和信息化局',
  '县公安局',
  '县民政局',
  '县财政局',
  '县人力资源和社会保障局',
  '县自然资源局',
  '县生态环境局',
  '县住房和城乡建设局',
  '县交通运输局',
  '县水利局',
  '县农业农村局',
  '县商务局',
  '县文化旅游广电体育局',
  '县卫生健康局',
  '县退役军人事务局',
  '县应急管理局',
  '县审计局',
  '县市场监督管理局',
  '县统计局',
  '县医疗保障局',
  '县林业局',
  '县城市管理和综合执法局',
  '县信访局',
  '县行政审批服务局',
  '县数据局',
  '县乡村振兴局',
  '县税务局',
  '县消防救援大队',
];

const VILLAGE_STEMS = [
  '东风',
  '红星',
  '新民',
  '和平',
  '光明',
  '团结',
  '胜利',
  '长青',
  '永安',
  '兴隆',
  '富民',
  '幸福',
  '双桥',
  '大塘',
  '黄岭',
  '枫树',
];

/**
 * Inserts missing built-in roles and brings existing ones in line with the code, which is their only
 * source: built-in roles cannot be edited through the API. Safe to run at every start.
 */
export async function ensureBuiltinRoles(trx: Trx): Promise<void> {
  const existing = new Map(
    (await trx.selectFrom('roles').select(['id', 'code', 'permissions', 'data_scope']).execute()).map((r) => [
      r.code,
      r,
    ]),
  );
  const now = nowIso();
  for (const role of BUILTIN_ROLES) {
    const permissions = JSON.stringify(role.permissions);
    const current = existing.get(role.code);
    if (current) {
      if (current.permissions !== permissions || current.data_scope !== role.dataScope) {
        await trx
          .updateTable('roles')
          .set((eb) => ({
            permissions,
            data_scope: role.dataScope,
            duty: role.duty,
            builtin: 1,
            updated_at: now,
            version: eb('version', '+', 1),
          }))
          .where('id', '=', current.id)
          .execute();
      }
      continue;
    }
    await trx
      .insertInto('roles')
      .values({
        id: newId(),
        code: role.code,
        name: role.name,
        description: role.description,
        duty: role.duty,
        data_scope: role.dataScope,
        permissions,
        builtin: 1,
        version: 1,
        created_at: now,
        updated_at: now,
      })
      .execute();
  }
}

export async function isEmpty(database: Database): Promise<boolean> {
  const row = await database.db.selectFrom('regions').select('code').limit(1).executeTakeFirst();
  return !row;
}

export async function seedDemo(
  database: Database,
  demoPassword: string,
): Promise<{ units: number; users: number }> {
  const passwordHash = await hashPassword(demoPassword);
  return database.db.transaction().execute(async (trx) => {
    await ensureBuiltinRoles(trx);
    if (
      await trx
        .selectFrom('regions')
        .select('code')
        .where('code', '=', DEMO_REGIONS.county.code)
        .executeTakeFirst()
    ) {
      throw new Error('演示县已存在，无需重复生成');
    }
    const now = nowIso();
    const p = DEMO_REGIONS.province;
    const c = DEMO_REGIONS.city;
    const k = DEMO_REGIONS.county;
    const paths = {
      province: `/${p.code}/`,
      city: `/${p.code}/${c.code}/`,
      county: `/${p.code}/${c.code}/${k.code}/`,
    };
    await trx
      .insertInto('regions')
      .values([
        {
          code: p.code,
          name: p.name,
          level: 'province',
          parent_code: null,
          path: paths.province,
          created_at: now,
        },
        { code: c.code, name: c.name, level: 'city', parent_code: p.code, path: paths.city, created_at: now },
        {
          code: k.code,
          name: k.name,
          level: 'county',
          parent_code: c.code,
          path: paths.county,
          created_at: now,
        },
      ])
      .execute();

    let count = 0;
    let sort = 0;
    const addUnit = async (
      parent: { id: string; path: string } | null,
      name: string,
      type: string,
      regionCode = k.code,
      regionPath = paths.county,
    ) => {
      const id = newId();
      const path = `${parent ? parent.path : regionPath}${id}/`;
      sort += 1;
      await trx
        .insertInto('units')
        .values({
          id,
          region_code: regionCode,
          parent_id: parent?.id ?? null,
          name,
          type,
          code: null,
          sort,
          path,
          disabled: 0,
          version: 1,
          created_by: null,
          created_at: now,
          updated_at: now,
        })
        .execute();
      count += 1;
      return { id, path, name };
    };

    // The city's own office, so that a city deployment has something above the county.
    await addUnit(null, '示范市委全面依法治市委员会办公室', 'rule_of_law_office', c.code, paths.city);
    await addUnit(null, '中共示范县委员会', 'party_committee');
    const government = await addUnit(null, '示范县人民政府', 'government');
    await addUnit(null, '示范县人大常委会', 'congress');
    const justice = await addUnit(null, '示范县司法局', 'rule_of_law_office');
    const office = await addUnit(justice, '中共示范县委全面依法治县委员会办公室', 'rule_of_law_office');
    await addUnit(null, '示范县人民法院', 'court');
    await addUnit(null, '示范县人民检察院', 'procuratorate');
    const depts: Record<string, { id: string; path: string }> = {};
    for (const name of DEMO_DEPARTMENTS) depts[name] = await addUnit(government, name, 'department');
    const towns: Array<{ id: string; path: string }> = [];
    for (const [i, name] of DEMO_TOWNSHIPS.entries()) {
      const town = await addUnit(null, name, 'township');
      towns.push(town);
      await addUnit(town, `${name}司法所`, 'justice_office');
      const villages = 3 + (i % 3);
      for (let v = 0; v < villages; v += 1) {
        const stem = VILLAGE_STEMS[(i * 5 + v) % VILLAGE_STEMS.length]!;
        const isCommunity = name.endsWith('街道') || (v === 0 && name === '城关镇');
        await addUnit(town, `${stem}${isCommunity ? '社区' : '村'}`, 'village');
      }
    }

    const roles = new Map(
      (await trx.selectFrom('roles').select(['id', 'code']).execute()).map((r) => [r.code, r.id]),
    );
    const unitOf = {
      justice,
      office,
      government,
      town: towns[0]!,
      town2: towns[1]!,
      dept: depts.县市场监督管理局!,
    };
    for (const a of demoAccounts()) {
      const id = newId();
      await trx
        .insertInto('users')
        .values(
          newUserRow({
            id,
            username: a.username,
            displayName: a.displayName,
            unitId: unitOf[a.unit].id,
            passwordHash,
            // Demo accounts keep the documented password so that the login page hint stays true.
            mustChangePassword: false,
            createdBy: null,
          }),
        )
        .execute();
      for (const code of a.roles)
        await trx
          .insertInto('user_roles')
          .values({ user_id: id, role_id: roles.get(code)! })
          .execute();
    }
    const users = demoAccounts().length;
    await appendAudit(trx, database, SYSTEM_ACTOR, {
      action: 'demo.seed',
      entityType: 'region',
      entityId: k.code,
      details: { units: count, users },
    });
    return { units: count, users };
  });
}
