// Recomputes every rollup from the records and lists where the stored figures differ: the check that
// the deltas applied by each write (records, import, unit move, rule change) add up to the truth.
import type { Database } from '../../db/index.ts';
import { ledgerTable } from '../../db/ledger-storage.ts';
import { contributions, type LedgerDef } from '../../domain/ledgers/define.ts';
import { LEDGERS } from '../../domain/ledgers/index.ts';
import type { AuthContext } from '../auth/context.ts';
import { scopeGrants } from '../org/scope.ts';
import { dyn, rowToRecord } from './records.ts';
import { pathNodes } from './rollups.ts';

export interface RollupDifference {
  ledger: string;
  ledgerTitle: string;
  measure: string;
  /** 'unit': the unit's own row (ledger_rollups); 'subtree': a node's subtree total (ledger_rollup_totals). */
  kind: 'unit' | 'subtree';
  /** A unit id, or a region code for a region's subtree total. */
  node: string;
  nodeName: string;
  /** The node's path, so that callers can keep to what a user may see. */
  nodePath: string;
  period: string;
  stored: number;
  recomputed: number;
}

export interface RollupVerification {
  ledgers: number;
  records: number;
  differences: RollupDifference[];
}

const PAGE = 5000;
const SEP = '\u0000';

/** Sums may be decimals: equal within rounding of the additions that built them. */
function same(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));
}

function add(map: Map<string, number>, key: string, value: number) {
  map.set(key, (map.get(key) ?? 0) + value);
}

/** What the live records of one ledger contribute, per unit and per subtree node. */
async function recompute(database: Database, def: LedgerDef) {
  const own = new Map<string, number>();
  const totals = new Map<string, number>();
  let records = 0;
  let after = '';
  // Keyset pages by id, so that a large table is read in bounded memory and each page uses the key.
  for (;;) {
    const page = await dyn(database.db)
      .selectFrom(ledgerTable(def))
      .selectAll()
      .where('deleted', '=', 0)
      .where('id', '>', after)
      .orderBy('id')
      .limit(PAGE)
      .execute();
    for (const row of page) {
      records += 1;
      const unitId = String(row.unit_id);
      const nodes = pathNodes(String(row.unit_path));
      for (const c of contributions(def, rowToRecord(def, row))) {
        for (const period of [c.month, c.month.slice(0, 4)]) {
          add(own, [unitId, c.measure, period].join(SEP), c.value);
          for (const node of nodes) add(totals, [node, c.measure, period].join(SEP), c.value);
        }
      }
    }
    if (page.length < PAGE) break;
    after = String(page.at(-1)!.id);
  }
  return { own, totals, records };
}

/** Both maps' keys: a stored figure without records and records without a stored figure both count. */
function compare(stored: Map<string, number>, recomputed: Map<string, number>) {
  const out: Array<{ node: string; measure: string; period: string; stored: number; recomputed: number }> =
    [];
  for (const key of new Set([...stored.keys(), ...recomputed.keys()])) {
    const s = stored.get(key) ?? 0;
    const r = recomputed.get(key) ?? 0;
    if (same(s, r)) continue;
    const [node, measure, period] = key.split(SEP) as [string, string, string];
    out.push({ node, measure, period, stored: s, recomputed: r });
  }
  return out;
}

export async function verifyRollups(database: Database): Promise<RollupVerification> {
  const units = await database.db.selectFrom('units').select(['id', 'name', 'path']).execute();
  const regions = await database.db.selectFrom('regions').select(['code', 'name', 'path']).execute();
  const names = new Map<string, { name: string; path: string }>([
    ...regions.map((r) => [r.code, { name: r.name, path: r.path }] as const),
    ...units.map((u) => [u.id, { name: u.name, path: u.path }] as const),
  ]);
  const differences: RollupDifference[] = [];
  let records = 0;
  for (const def of LEDGERS) {
    const truth = await recompute(database, def);
    records += truth.records;
    const own = new Map<string, number>();
    for (const r of await database.db
      .selectFrom('ledger_rollups')
      .select(['unit_id', 'measure', 'period', 'value'])
      .where('ledger', '=', def.key)
      .execute())
      add(own, [r.unit_id, r.measure, r.period].join(SEP), Number(r.value));
    const totals = new Map<string, number>();
    for (const r of await database.db
      .selectFrom('ledger_rollup_totals')
      .select(['node', 'measure', 'period', 'value'])
      .where('ledger', '=', def.key)
      .execute())
      add(totals, [r.node, r.measure, r.period].join(SEP), Number(r.value));
    for (const [kind, diffs] of [
      ['unit', compare(own, truth.own)],
      ['subtree', compare(totals, truth.totals)],
    ] as const) {
      for (const d of diffs) {
        const named = names.get(d.node);
        differences.push({
          ledger: def.key,
          ledgerTitle: def.title,
          measure: d.measure,
          kind,
          node: d.node,
          nodeName: named?.name ?? '（已不存在）',
          nodePath: named?.path ?? '',
          period: d.period,
          stored: d.stored,
          recomputed: d.recomputed,
        });
      }
    }
  }
  differences.sort(
    (a, b) =>
      a.ledger.localeCompare(b.ledger) ||
      a.nodePath.localeCompare(b.nodePath) ||
      a.kind.localeCompare(b.kind) ||
      a.measure.localeCompare(b.measure) ||
      a.period.localeCompare(b.period),
  );
  return { ledgers: LEDGERS.length, records, differences };
}

/** The differences a user may see: nodes inside one of their scope grants (no figures of other regions). */
export function differencesInScope(auth: AuthContext, differences: RollupDifference[]): RollupDifference[] {
  const grants = scopeGrants(auth);
  return differences.filter((d) =>
    grants.some((g) => {
      if ('subtree' in g) return d.nodePath.startsWith(g.subtree);
      if ('unit' in g) return d.kind === 'unit' && d.node === g.unit;
      // 本人 reaches records, not figures.
      return false;
    }),
  );
}

/** One line per difference, in Chinese, for the command line. */
export function describeDifference(d: RollupDifference): string {
  const measure = LEDGERS.find((l) => l.key === d.ledger)?.measures[d.measure]?.label ?? d.measure;
  const where = d.kind === 'unit' ? `${d.nodeName}（本单位）` : `${d.nodeName}（含下级合计）`;
  return `${d.ledgerTitle}｜${measure}｜${where}｜${d.period}：已存 ${d.stored}，按记录重算 ${d.recomputed}`;
}
