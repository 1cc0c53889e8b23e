/**
 * Ledger engine benchmark (not a test): `npm run bench` [-- --records 2000000 --engines sqlite,postgres].
 *
 * For each engine: a fresh database (a temp SQLite file; a throwaway PostgreSQL database, skipped when
 * the server is unreachable), the benchmark province (bench/province.ts) loaded in two phases — 10
 * counties (≈ 10 %), then the other 90 — and, through the real app with signed-in users:
 * indicator latency for a county-year and a province-year after each phase, a filtered list, a
 * 10,000-row xlsx import, and requests/s of an authenticated list next to a bare Fastify route.
 * Writes bench/results/latest.json and prints a table.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import { sql } from 'kysely';
import pg from 'pg';
import {
  createPgDatabase,
  type Database,
  type Dialect,
  dropPgDatabase,
  migrate,
  openDatabase,
} from '../src/db/index.ts';
import { ledgerTable, syncLedgerTables } from '../src/db/ledger-storage.ts';
import { LEDGERS, ledger } from '../src/domain/ledgers/index.ts';
import { openAuditTrail } from '../src/modules/audit/trail.ts';
import { type AuthContext, actorOf, loadAuthUser } from '../src/modules/auth/context.ts';
import { ensureBuiltinRoles } from '../src/modules/demo/seed.ts';
import { parseImport, writeImport } from '../src/modules/ledgers/excel.ts';
import { buildApp } from '../src/server/app.ts';
import { loadConfig } from '../src/server/config.ts';
import { type Client, signedIn } from '../tests/support/app.ts';
import { RECONSIDERATION_HEADERS, reconsiderationRows, xlsxFrom } from '../tests/support/xlsx.ts';
import {
  BENCH_PASSWORD,
  type BenchCounty,
  buildProvinceOrg,
  COUNTY_USER,
  chooseScale,
  type LoadStats,
  loadCounties,
  PROVINCE_USER,
} from './province.ts';

const GOALS = {
  countyYearP95Ms: 50,
  provinceYearP95Ms: 300,
  growthRatio: 2,
  listP95Ms: 100,
  import10kSeconds: 10,
};

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

const TARGET_RECORDS = Number(arg('records', '2000000'));
const ENGINES = arg('engines', 'sqlite,postgres').split(',') as Dialect[];
const PG_ADMIN_URL =
  process.env.FAZHI_BENCH_PG_URL ?? arg('pg', 'postgres://postgres@127.0.0.1:5432/postgres');
const PHASE1_COUNTIES = 10;
const REQUESTS = 200;
const WARMUP = 20;
const INDICATOR_YEAR = 2024;
const THROUGHPUT_SECONDS = 3;
const THROUGHPUT_CONCURRENCY = 8;

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const log = (m: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${m}`);

interface Latency {
  p50Ms: number;
  p95Ms: number;
  meanMs: number;
  maxMs: number;
  n: number;
}

function summarise(samples: number[]): Latency {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? 0;
  const r = (x: number) => Math.round(x * 100) / 100;
  return {
    p50Ms: r(at(0.5)),
    p95Ms: r(at(0.95)),
    meanMs: r(s.reduce((a, b) => a + b, 0) / Math.max(1, s.length)),
    maxMs: r(s[s.length - 1] ?? 0),
    n: s.length,
  };
}

/** Sequential requests through app.inject (routing, auth, scope, validation, serialisation). */
async function latency(client: Client, url: string, check: (body: unknown) => void): Promise<Latency> {
  for (let i = 0; i < WARMUP; i += 1) {
    const res = await client.get(url);
    if (res.status !== 200) throw new Error(`GET ${url} → ${res.status} ${JSON.stringify(res.body)}`);
    if (i === 0) check(res.body);
  }
  const samples: number[] = [];
  for (let i = 0; i < REQUESTS; i += 1) {
    const t = performance.now();
    const res = await client.get(url);
    samples.push(performance.now() - t);
    if (res.status !== 200) throw new Error(`GET ${url} → ${res.status}`);
  }
  return summarise(samples);
}

/** `concurrency` loops fetching `url` for `seconds`; only ever 127.0.0.1. */
async function throughput(url: string, headers: Record<string, string>) {
  if (!url.startsWith('http://127.0.0.1:')) throw new Error('throughput only against 127.0.0.1');
  const end = performance.now() + THROUGHPUT_SECONDS * 1000;
  let ok = 0;
  let failed = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: THROUGHPUT_CONCURRENCY }, async () => {
      while (performance.now() < end) {
        const res = await fetch(url, { headers });
        await res.arrayBuffer();
        if (res.status === 200) ok += 1;
        else failed += 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return {
    requestsPerSecond: Math.round(ok / seconds),
    ok,
    failed,
    seconds: Math.round(seconds * 100) / 100,
  };
}

interface IndicatorBody {
  items?: Array<{ value: number | null; numerator?: number }>;
}

function checkIndicators(body: unknown): void {
  const items = (body as IndicatorBody).items ?? [];
  if (!items.length) throw new Error('indicator response has no items');
  if (!items.some((i) => typeof i.numerator === 'number' && i.numerator > 0))
    throw new Error(`indicators are all zero: ${JSON.stringify(body).slice(0, 300)}`);
}

function checkList(body: unknown): void {
  const b = body as { total?: number; items?: unknown[] };
  if (!b.total || !b.items?.length)
    throw new Error(`list returned nothing: ${JSON.stringify(body).slice(0, 300)}`);
}

async function pgReachable(url: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return null;
  } catch (e) {
    return (e as Error).message;
  } finally {
    await client.end().catch(() => {});
  }
}

async function engineVersion(database: Database): Promise<string> {
  if (database.dialect === 'postgres') {
    const r = await sql<{ v: string }>`select version() as v`.execute(database.db);
    return String(r.rows[0]?.v ?? '').split(' on ')[0] ?? '';
  }
  const r = await sql<{ v: string }>`select sqlite_version() as v`.execute(database.db);
  return `SQLite ${r.rows[0]?.v ?? '?'}`;
}

async function recordCount(database: Database): Promise<{ records: number; rollups: number }> {
  let records = 0;
  for (const def of LEDGERS) {
    const r = await sql<{ n: number }>`select count(*) as n from ${sql.table(ledgerTable(def))}`.execute(
      database.db,
    );
    records += Number(r.rows[0]?.n ?? 0);
  }
  const r = await sql<{ n: number }>`select count(*) as n from ledger_rollups`.execute(database.db);
  return { records, rollups: Number(r.rows[0]?.n ?? 0) };
}

/**
 * After a bulk load PostgreSQL's autovacuum (thresholds lowered for the rollup tables by migration 005)
 * would vacuum and analyse the tables within a minute or two; do it now rather than measure mid-vacuum.
 */
async function analyse(database: Database): Promise<void> {
  if (database.dialect === 'postgres') await sql`vacuum (analyze)`.execute(database.db);
}

async function authOf(database: Database, username: string): Promise<AuthContext> {
  const user = await database.db
    .selectFrom('users')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  const loaded = await loadAuthUser(database.db, user.id);
  if (!loaded) throw new Error(`user ${username} missing`);
  return {
    sessionId: 'bench',
    csrfToken: 'bench',
    stage: 'active',
    user: loaded.user,
    roles: loaded.roles,
    permissions: new Set(loaded.roles.flatMap((r) => r.permissions)),
    needsTotpSetup: false,
  };
}

interface IndicatorRound {
  records: number;
  countyYear: Latency;
  provinceYear: Latency;
}

async function measureIndicators(
  database: Database,
  county: Client,
  province: Client,
): Promise<IndicatorRound> {
  const { records } = await recordCount(database);
  const url = `/api/indicators?year=${INDICATOR_YEAR}`;
  const countyYear = await latency(county, url, checkIndicators);
  const provinceYear = await latency(province, url, checkIndicators);
  log(
    `  indicators at ${records.toLocaleString('en-US')} records: county-year p50 ${countyYear.p50Ms} / p95 ${countyYear.p95Ms} ms, province-year p50 ${provinceYear.p50Ms} / p95 ${provinceYear.p95Ms} ms`,
  );
  return { records, countyYear, provinceYear };
}

async function runEngine(engine: Dialect, xlsx: Buffer) {
  const dir = mkdtempSync(join(tmpdir(), 'fazhi-bench-'));
  let pgName: string | null = null;
  let databaseUrl: string | undefined;
  if (engine === 'postgres') {
    pgName = `fazhi_bench_${process.pid}_${Date.now()}`;
    databaseUrl = await createPgDatabase(PG_ADMIN_URL, pgName);
  }
  const sqliteFile = join(dir, 'bench.sqlite');
  const database = openDatabase({ databaseUrl, sqliteFile });
  try {
    const version = await engineVersion(database);
    log(`${engine}: ${version}${pgName ? ` (database ${pgName})` : ` (${sqliteFile})`}`);
    await migrate(database);
    await openAuditTrail(
      database,
      { auditKey: undefined, dataDir: dir, production: false },
      { writes: true },
    );
    await syncLedgerTables(database, LEDGERS);
    await database.db.transaction().execute((trx) => ensureBuiltinRoles(trx));
    const org = await buildProvinceOrg(database);
    const perCounty = Math.ceil(TARGET_RECORDS / org.counties.length);
    const scale = chooseScale(org.counties[0]!, perCounty);
    log(`  ${org.unitCount} units in ${org.counties.length} counties; generator scale ${scale}`);

    const config = loadConfig(
      { NODE_ENV: 'benchmark', DATA_DIR: dir },
      { databaseUrl, sqliteFile, port: 0, loginRateLimit: 100_000 },
    );
    const app = await buildApp({ database, config });
    try {
      const county1: BenchCounty = org.counties[0]!;
      log(`  phase 1: ${PHASE1_COUNTIES} counties`);
      const load1 = await loadCounties(database, org.counties.slice(0, PHASE1_COUNTIES), scale, log);
      await analyse(database);
      let county = await signedIn(app, COUNTY_USER, BENCH_PASSWORD);
      let province = await signedIn(app, PROVINCE_USER, BENCH_PASSWORD);
      const at200k = await measureIndicators(database, county, province);

      log(`  phase 2: ${org.counties.length - PHASE1_COUNTIES} counties`);
      const load2 = await loadCounties(database, org.counties.slice(PHASE1_COUNTIES), scale, log);
      await analyse(database);
      // Sign in again: the sessions may have idled out during a long load.
      county = await signedIn(app, COUNTY_USER, BENCH_PASSWORD);
      province = await signedIn(app, PROVINCE_USER, BENCH_PASSWORD);
      const at2m = await measureIndicators(database, county, province);
      const counts = await recordCount(database);

      const filter = `f.disputeType=${encodeURIComponent('邻里纠纷')}`;
      const listUrls = {
        county: `/api/ledgers/mediationCase/records?${filter}&pageSize=20`,
        township: `/api/ledgers/mediationCase/records?${filter}&unit=${county1.township.id}&subtree=true&pageSize=20`,
        province: `/api/ledgers/mediationCase/records?${filter}&pageSize=20`,
      };
      const listCounty = await latency(county, listUrls.county, checkList);
      const listTownship = await latency(province, listUrls.township, checkList);
      const listProvince = await latency(province, listUrls.province, checkList);
      log(
        `  list (mediationCase, disputeType filter): county p95 ${listCounty.p95Ms} ms, township subtree p95 ${listTownship.p95Ms} ms, whole province p95 ${listProvince.p95Ms} ms`,
      );

      // 10,000-row import into county #1's 司法局, as the county coordinator.
      const def = ledger('reconsideration');
      const auth = await authOf(database, COUNTY_USER);
      const t0 = performance.now();
      const parsed = await parseImport(def, xlsx);
      const t1 = performance.now();
      const imported = await writeImport(
        database,
        auth,
        actorOf(auth, '127.0.0.1', 'bench'),
        def,
        parsed,
        county1.justiceBureau.id,
        'bench-10k.xlsx',
      );
      const t2 = performance.now();
      const importResult = {
        rows: imported.rows,
        created: imported.created,
        updated: imported.updated,
        parseSeconds: Math.round(t1 - t0) / 1000,
        writeSeconds: Math.round(t2 - t1) / 1000,
        totalSeconds: Math.round(t2 - t0) / 1000,
      };
      log(
        `  import 10k rows: parse+validate ${importResult.parseSeconds} s, write ${importResult.writeSeconds} s, total ${importResult.totalSeconds} s`,
      );

      // Requests/s over real HTTP: the authenticated list next to a bare Fastify route.
      await app.listen({ port: 0, host: '127.0.0.1' });
      const bare = Fastify({ logger: false });
      bare.get('/ping', async () => ({ ok: true, at: 'bench' }));
      await bare.listen({ port: 0, host: '127.0.0.1' });
      const portOf = (a: ReturnType<typeof app.server.address>) => (a && typeof a === 'object' ? a.port : 0);
      const bareRps = await throughput(`http://127.0.0.1:${portOf(bare.server.address())}/ping`, {});
      const listRps = await throughput(`http://127.0.0.1:${portOf(app.server.address())}${listUrls.county}`, {
        cookie: county.cookie ?? '',
      });
      await bare.close();
      log(
        `  throughput: bare Fastify ${bareRps.requestsPerSecond} req/s, authenticated list ${listRps.requestsPerSecond} req/s (${listRps.failed} failed)`,
      );

      const growth = at2m.provinceYear.p95Ms / at200k.provinceYear.p95Ms;
      return {
        countyYearP95Ms: at2m.countyYear.p95Ms,
        provinceYearP95Ms: at2m.provinceYear.p95Ms,
        growthRatio: Math.round(growth * 100) / 100,
        listP95Ms: listCounty.p95Ms,
        import10kSeconds: importResult.totalSeconds,
        throughputRatioVsBare:
          Math.round((listRps.requestsPerSecond / bareRps.requestsPerSecond) * 1000) / 1000,
        detail: {
          version,
          records: counts.records,
          rollupRows: counts.rollups,
          units: org.unitCount,
          generatorScale: scale,
          load: { phase1: load1, phase2: load2 } satisfies Record<string, LoadStats>,
          indicators: {
            year: INDICATOR_YEAR,
            phase1: at200k,
            phase2: at2m,
            countyGrowthRatio: Math.round((at2m.countyYear.p95Ms / at200k.countyYear.p95Ms) * 100) / 100,
            provinceGrowthRatio: Math.round(growth * 100) / 100,
          },
          list: {
            urls: listUrls,
            countyCoordinator: listCounty,
            townshipSubtreeAsProvince: listTownship,
            wholeProvince: listProvince,
          },
          import: importResult,
          throughput: {
            concurrency: THROUGHPUT_CONCURRENCY,
            seconds: THROUGHPUT_SECONDS,
            bare: bareRps,
            authenticatedList: listRps,
          },
        },
      };
    } finally {
      await app.close();
    }
  } finally {
    await database.close();
    if (pgName) await dropPgDatabase(PG_ADMIN_URL, pgName);
    rmSync(dir, { recursive: true, force: true });
  }
}

type EngineResult = Awaited<ReturnType<typeof runEngine>>;

function table(engines: Record<string, EngineResult | { skipped: string }>): string {
  const rows: Array<[string, keyof typeof GOALS | 'throughputRatioVsBare', string]> = [
    ['county-year indicator p95 (ms)', 'countyYearP95Ms', `< ${GOALS.countyYearP95Ms}`],
    ['province-year indicator p95 (ms)', 'provinceYearP95Ms', `< ${GOALS.provinceYearP95Ms}`],
    ['growth ratio 2M / 200k (province p95)', 'growthRatio', `≤ ${GOALS.growthRatio}`],
    ['list with filter p95 (ms)', 'listP95Ms', `< ${GOALS.listP95Ms}`],
    ['10k-row import (s)', 'import10kSeconds', `< ${GOALS.import10kSeconds}`],
    ['auth list req/s ÷ bare req/s', 'throughputRatioVsBare', '—'],
  ];
  const names = Object.keys(engines);
  const out = [`| measure | goal | ${names.join(' | ')} |`, `|---|---|${names.map(() => '---').join('|')}|`];
  for (const [label, key, goal] of rows) {
    const cells = names.map((n) => {
      const e = engines[n]!;
      if ('skipped' in e) return 'skipped';
      const v = e[key];
      const limit = key in GOALS ? GOALS[key as keyof typeof GOALS] : null;
      const ok = limit === null ? '' : (key === 'growthRatio' ? v <= limit : v < limit) ? ' ✓' : ' ✗';
      return `${v}${ok}`;
    });
    out.push(`| ${label} | ${goal} | ${cells.join(' | ')} |`);
  }
  return out.join('\n');
}

/** The commit measured, with "+dirty" when the working tree has changes. */
function gitCommit(): string | null {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root }).toString().trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src'], { cwd: root })
      .toString()
      .trim();
    return dirty ? `${head}+dirty` : head;
  } catch {
    return null;
  }
}

async function main() {
  // The code measured is the code loaded now; commits made during a 40-minute run do not count.
  const commit = gitCommit();
  const cpu = cpus();
  const machine = `${cpu[0]?.model.trim() ?? 'unknown cpu'} × ${cpu.length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}, ${process.platform}`;
  log(`machine: ${machine}`);
  log(`target: ≥ ${TARGET_RECORDS.toLocaleString('en-US')} records; engines: ${ENGINES.join(', ')}`);
  const xlsx = await xlsxFrom(RECONSIDERATION_HEADERS, reconsiderationRows(2025, 10_000, 1_000, 'B'));
  log(`import file: 10,000 rows, ${(xlsx.length / 1024).toFixed(0)} KiB`);

  const engines: Record<string, EngineResult | { skipped: string }> = {};
  const started = performance.now();
  for (const engine of ENGINES) {
    if (engine === 'postgres') {
      const why = await pgReachable(PG_ADMIN_URL);
      if (why) {
        log(`postgres: skipped — ${PG_ADMIN_URL.replace(/\/\/[^@]*@/, '//')} unreachable (${why})`);
        engines.postgres = { skipped: `unreachable: ${why}` };
        continue;
      }
    }
    const t = performance.now();
    engines[engine] = await runEngine(engine, xlsx);
    log(`${engine}: done in ${((performance.now() - t) / 1000).toFixed(0)} s`);
  }
  const records = Math.max(0, ...Object.values(engines).map((e) => ('skipped' in e ? 0 : e.detail.records)));
  const result = {
    machine,
    commit,
    records,
    engines,
    goals: GOALS,
    node: process.version,
    cpu: cpu[0]?.model.trim() ?? null,
    cores: cpu.length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    runSeconds: Math.round((performance.now() - started) / 1000),
    date: new Date().toISOString(),
  };
  // A quick run (--records 200000) should not replace the published full-size results.
  const outFile = arg('out', 'bench/results/latest.json');
  mkdirSync(dirname(resolve(root, outFile)), { recursive: true });
  writeFileSync(resolve(root, outFile), `${JSON.stringify(result, null, 2)}\n`);
  console.log(`\n${table(engines)}\n`);
  log(`written ${outFile} (${result.runSeconds} s)`);
}

await main();
