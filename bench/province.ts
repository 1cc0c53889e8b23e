// The benchmark province: 示范省 (990000) with 10 cities and 100 counties of 60 units each, and
// five years of ledger records from the demo generator, written the way an import writes them
// (insertBatch: multi-row inserts, rollups kept current in the same transaction).
import type { Insertable } from 'kysely';
import { type Database, newId, nowIso } from '../src/db/index.ts';
import type { UnitTable } from '../src/db/schema.ts';
import type { LedgerRecord } from '../src/domain/ledgers/define.ts';
import { generateDemoRecords } from '../src/domain/ledgers/demo-data.ts';
import { LEDGERS } from '../src/domain/ledgers/index.ts';
import { hashPassword } from '../src/modules/auth/password.ts';
import { DEMO_DEPARTMENTS, DEMO_TOWNSHIPS, ensureBuiltinRoles } from '../src/modules/demo/seed.ts';
import { insertBatch } from '../src/modules/ledgers/records.ts';

export const PROVINCE = { code: '990000', name: '示范省' };
export const BENCH_YEARS = [2021, 2022, 2023, 2024, 2025];
export const BENCH_PASSWORD = 'Bench@2026pw';
export const PROVINCE_USER = 'bench_province';
export const COUNTY_USER = 'bench_county';

const CITY_STEMS = ['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸'];
const COUNTY_STEMS = ['东', '西', '南', '北', '中', '上', '下', '前', '后', '新'];

export interface BenchUnit {
  id: string;
  name: string;
  type: string;
  path: string;
}

export interface BenchCounty {
  code: string;
  name: string;
  index: number;
  units: BenchUnit[];
  /** The county's 司法局 (owns reconsideration, legal aid, notarization …). */
  justiceBureau: BenchUnit;
  /** 依法治县办, where the county coordinator sits. */
  office: BenchUnit;
  /** The first township, with its 司法所 below it (a subtree for list queries). */
  township: BenchUnit;
}

export interface ProvinceOrg {
  counties: BenchCounty[];
  provinceOffice: BenchUnit;
  unitCount: number;
}

type UnitInsert = Insertable<UnitTable>;

/** Regions, units (paths built exactly as seedDemo builds them), and the two coordinators. */
export async function buildProvinceOrg(database: Database): Promise<ProvinceOrg> {
  const now = nowIso();
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  return database.db.transaction().execute(async (trx) => {
    await ensureBuiltinRoles(trx);
    const provincePath = `/${PROVINCE.code}/`;
    const regions: Array<{
      code: string;
      name: string;
      level: 'province' | 'city' | 'county';
      parent_code: string | null;
      path: string;
      created_at: string;
    }> = [
      {
        code: PROVINCE.code,
        name: PROVINCE.name,
        level: 'province',
        parent_code: null,
        path: provincePath,
        created_at: now,
      },
    ];
    const units: UnitInsert[] = [];
    let sort = 0;
    const addUnit = (
      parent: BenchUnit | null,
      name: string,
      type: string,
      regionCode: string,
      regionPath: string,
    ): BenchUnit => {
      const id = newId();
      const path = `${parent ? parent.path : regionPath}${id}/`;
      sort += 1;
      units.push({
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
      });
      return { id, name, type, path };
    };
    const provinceOffice = addUnit(
      null,
      '示范省委全面依法治省委员会办公室',
      'rule_of_law_office',
      PROVINCE.code,
      provincePath,
    );
    const counties: BenchCounty[] = [];
    for (let c = 0; c < 10; c += 1) {
      const cityCode = `99${String(c + 1).padStart(2, '0')}00`;
      const cityName = `${CITY_STEMS[c]}州市`;
      const cityPath = `${provincePath}${cityCode}/`;
      regions.push({
        code: cityCode,
        name: cityName,
        level: 'city',
        parent_code: PROVINCE.code,
        path: cityPath,
        created_at: now,
      });
      addUnit(null, `${cityName}委全面依法治市委员会办公室`, 'rule_of_law_office', cityCode, cityPath);
      for (let k = 0; k < 10; k += 1) {
        const code = `99${String(c + 1).padStart(2, '0')}${String(k + 21)}`;
        const name = `${CITY_STEMS[c]}${COUNTY_STEMS[k]}县`;
        const path = `${cityPath}${code}/`;
        regions.push({ code, name, level: 'county', parent_code: cityCode, path, created_at: now });
        const before = units.length;
        const add = (parent: BenchUnit | null, unitName: string, type: string) =>
          addUnit(parent, unitName, type, code, path);
        // 60 units: 7 county bodies, 29 government departments, 12 townships each with a 司法所.
        add(null, `中共${name}委员会`, 'party_committee');
        const government = add(null, `${name}人民政府`, 'government');
        add(null, `${name}人大常委会`, 'congress');
        const justiceBureau = add(null, `${name}司法局`, 'rule_of_law_office');
        const office = add(justiceBureau, `中共${name}委全面依法治县委员会办公室`, 'rule_of_law_office');
        add(null, `${name}人民法院`, 'court');
        add(null, `${name}人民检察院`, 'procuratorate');
        for (const dept of DEMO_DEPARTMENTS.slice(0, 29))
          add(government, `${name}${dept.slice(1)}`, 'department');
        let township: BenchUnit | null = null;
        for (const town of DEMO_TOWNSHIPS.slice(0, 12)) {
          const t = add(null, town, 'township');
          township ??= t;
          add(t, `${town}司法所`, 'justice_office');
        }
        counties.push({
          code,
          name,
          index: counties.length,
          units: units.slice(before).map((u) => ({ id: u.id, name: u.name, type: u.type, path: u.path })),
          justiceBureau,
          office,
          township: township!,
        });
      }
    }
    await trx.insertInto('regions').values(regions).execute();
    for (let i = 0; i < units.length; i += 500)
      await trx
        .insertInto('units')
        .values(units.slice(i, i + 500))
        .execute();

    const roles = new Map(
      (await trx.selectFrom('roles').select(['id', 'code']).execute()).map((r) => [r.code, r.id]),
    );
    const coordinator = roles.get('coordinator');
    if (!coordinator) throw new Error('built-in role coordinator missing');
    const users = [
      { username: PROVINCE_USER, displayName: '省协调员', unitId: provinceOffice.id },
      { username: COUNTY_USER, displayName: '县协调员', unitId: counties[0]!.office.id },
    ];
    for (const u of users) {
      const id = newId();
      await trx
        .insertInto('users')
        .values({
          id,
          username: u.username,
          display_name: u.displayName,
          unit_id: u.unitId,
          phone: null,
          password_hash: passwordHash,
          must_change_password: 0,
          password_changed_at: now,
          disabled: 0,
          totp_secret: null,
          totp_enabled: 0,
          last_login_at: null,
          version: 1,
          created_by: null,
          created_at: now,
          updated_at: now,
        })
        .execute();
      await trx.insertInto('user_roles').values({ user_id: id, role_id: coordinator }).execute();
    }
    return { counties, provinceOffice, unitCount: units.length };
  });
}

function seedOf(county: BenchCounty, ledgerIndex: number): number {
  return 20210000 + Number(county.code.slice(2)) * 100 + ledgerIndex;
}

/** Records one county gets at this scale (generated, not written). */
export function countyRecordCount(county: BenchCounty, scale: number): number {
  let n = 0;
  for (const [i, def] of LEDGERS.entries())
    n += generateDemoRecords(def, {
      units: county.units,
      years: BENCH_YEARS,
      seed: seedOf(county, i),
      scale,
    }).length;
  return n;
}

/**
 * The scale at which the average county gets `perCounty` records: records = fixed + variable × scale
 * (some ledgers have one record per month or year whatever the scale), with a 5 % margin because the
 * per-unit counts depend on the random unit ids.
 */
export function chooseScale(sample: BenchCounty, perCounty: number): number {
  const fixed = countyRecordCount(sample, 0);
  const variable = countyRecordCount(sample, 1) - fixed;
  return Math.max(0.01, Math.round(((perCounty - fixed) / variable) * 1.05 * 1000) / 1000);
}

export interface LoadStats {
  records: number;
  /** Generated records dropped because their natural key repeated within the unit. */
  duplicates: number;
  seconds: number;
  generateSeconds: number;
  rowsPerSecond: number;
}

/** Generates and writes every ledger for the given counties: one transaction per county per ledger. */
export async function loadCounties(
  database: Database,
  counties: BenchCounty[],
  scale: number,
  log: (m: string) => void = () => {},
): Promise<LoadStats> {
  const started = performance.now();
  let generateMs = 0;
  let records = 0;
  let duplicates = 0;
  for (const [n, county] of counties.entries()) {
    const byId = new Map(county.units.map((u) => [u.id, u]));
    for (const [i, def] of LEDGERS.entries()) {
      const g0 = performance.now();
      const generated = generateDemoRecords(def, {
        units: county.units,
        years: BENCH_YEARS,
        seed: seedOf(county, i),
        scale,
      });
      // The generator draws some natural keys at random (e.g. a training's title and day), so a
      // unit can get the same key twice; the unique index would refuse the second, so drop it here.
      const seen = new Set<string>();
      const items: Array<{ unit: { id: string; path: string }; record: LedgerRecord }> = [];
      for (const g of generated) {
        const key = [g.unitId, ...def.naturalKey.map((k) => String(g.record[k] ?? ''))].join('\u0000');
        if (seen.has(key)) {
          duplicates += 1;
          continue;
        }
        seen.add(key);
        const u = byId.get(g.unitId)!;
        items.push({ unit: { id: u.id, path: u.path }, record: g.record });
      }
      generateMs += performance.now() - g0;
      if (items.length === 0) continue;
      await database.db.transaction().execute((trx) => insertBatch(trx, def, items, null));
      records += items.length;
    }
    if ((n + 1) % 10 === 0 || n + 1 === counties.length) {
      const s = (performance.now() - started) / 1000;
      log(
        `  ${n + 1}/${counties.length} counties, ${records.toLocaleString('en-US')} records, ${s.toFixed(1)} s, ${Math.round(records / s).toLocaleString('en-US')} rows/s`,
      );
    }
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    records,
    duplicates,
    seconds,
    generateSeconds: generateMs / 1000,
    rowsPerSecond: Math.round(records / seconds),
  };
}
