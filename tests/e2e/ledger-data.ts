// Valid test records for any ledger, derived from its definition and the deterministic demo generator:
// the form gets a record's required fields only, the import gets two complete records. Natural-key
// texts are made unique so that repeated runs and the three records never collide.
import ExcelJS from 'exceljs';
import { INDICATORS } from '../../src/domain/indicators/catalog.ts';
import { contributions, type LedgerDef, type LedgerRecord } from '../../src/domain/ledgers/define.ts';
import { type DemoUnit, generateDemoRecords } from '../../src/domain/ledgers/demo-data.ts';
import { validateRecord } from '../../src/domain/ledgers/validate.ts';

export const TEST_YEAR = 2025;

const UNITS: DemoUnit[] = [
  { id: 'u-sfj', name: '示范县司法局', type: 'rule_of_law_office' },
  { id: 'u-gov', name: '示范县人民政府', type: 'government' },
  { id: 'u-jo', name: '城关司法所', type: 'justice_office' },
  ...['市场监督管理局', '交通运输局', '生态环境局', '农业农村局'].map((n, i) => ({
    id: `u-dept${i}`,
    name: `示范县${n}`,
    type: 'department',
  })),
  ...['城关', '青山', '河口', '石桥'].flatMap((n, i) => [
    { id: `u-town${i}`, name: `${n}镇`, type: 'township' },
    { id: `u-vil${i}`, name: `${n}村`, type: 'village' },
  ]),
  // 法治示范 awards are rare: enough villages for a few.
  ...Array.from({ length: 120 }, (_, i) => ({ id: `u-v${i}`, name: `示范${i + 1}村`, type: 'village' })),
];

function demoRecords(def: LedgerDef): LedgerRecord[] {
  return generateDemoRecords(def, { units: UNITS, years: [TEST_YEAR], seed: 7 }).map((r) => r.record);
}

/** Texts that may be replaced by unique strings: no pattern to satisfy, not personal data. */
function freeText(def: LedgerDef, name: string): boolean {
  const fd = def.fields[name]!;
  return (fd.type === 'text' || fd.type === 'longtext') && !fd.pattern && !fd.pii;
}

function uniquify(def: LedgerDef, r: LedgerRecord, tag: string): LedgerRecord {
  const out = { ...r };
  for (const k of def.naturalKey) {
    if (!freeText(def, k) || typeof out[k] !== 'string') continue;
    const max = def.fields[k]!.max ?? 200;
    out[k] = `${tag}${out[k]}`.slice(0, max);
  }
  return out;
}

/** How many of the ledger's indicator measures the record feeds in TEST_YEAR. */
function indicatorWeight(def: LedgerDef, r: LedgerRecord): number {
  const used = new Set(
    INDICATORS.flatMap((i) => [...i.numerator, ...(i.denominator ?? [])])
      .filter((ref) => ref.ledger === def.key)
      .map((ref) => ref.measure),
  );
  return contributions(def, r).filter((c) => used.has(c.measure) && c.month.startsWith(String(TEST_YEAR)))
    .length;
}

export interface LedgerCase {
  /** Required fields only, for the form. */
  form: LedgerRecord;
  /** Two complete records for the template. */
  rows: [LedgerRecord, LedgerRecord];
  /** A field the edit step changes, with its new value. */
  edit: { field: string; value: string | number };
}

export function ledgerCase(def: LedgerDef, tag: string): LedgerCase {
  const all = demoRecords(def);
  if (all.length < 3) throw new Error(`${def.key}: not enough demo records (${all.length})`);
  // Form: the first demo record whose required fields alone pass validation.
  let form: LedgerRecord | null = null;
  let formIndex = -1;
  for (const [i, r] of all.entries()) {
    const only: LedgerRecord = {};
    for (const [k, fd] of Object.entries(def.fields)) only[k] = fd.required ? (r[k] ?? null) : null;
    const candidate = uniquify(def, only, `${tag}F`);
    if (!('errors' in validateRecord(def, candidate))) {
      form = candidate;
      formIndex = i;
      break;
    }
  }
  if (!form) throw new Error(`${def.key}: no demo record is valid with its required fields only`);
  const keyOf = (r: LedgerRecord) => def.naturalKey.map((k) => JSON.stringify(r[k])).join('|');
  const ranked = all
    .map((r, i) => ({ r: uniquify(def, r, `${tag}I`), i, w: indicatorWeight(def, r) }))
    .filter((x) => x.i !== formIndex && keyOf(x.r) !== keyOf(form!))
    .sort((a, b) => b.w - a.w || a.i - b.i);
  const first = ranked[0]!;
  const second = ranked.find((x) => keyOf(x.r) !== keyOf(first.r))!;
  // Edit: a free text field that is not part of the key, else any int field.
  const names = Object.keys(def.fields);
  const free = names.filter((n) => freeText(def, n) && !def.naturalKey.includes(n));
  const text = free.find((n) => def.fields[n]!.type === 'text');
  // A number the form's record still passes its ledger's checks with (受理 ≤ 排查 and the like).
  const numValue = (n: string) => Math.max(Number(form![n] ?? 0), def.fields[n]!.min ?? 0) + 1;
  const num = names.find(
    (n) =>
      def.fields[n]!.type === 'int' &&
      !def.naturalKey.includes(n) &&
      !('errors' in validateRecord(def, { ...form!, [n]: numValue(n) })),
  );
  const edit = text
    ? { field: text, value: `${tag}改` }
    : num
      ? { field: num, value: numValue(num) }
      : { field: free[0] ?? names.find((n) => freeText(def, n))!, value: `${tag}改` };
  return { form, rows: [first.r, second.r], edit };
}

/** A cell as staff would type it into the template. */
function cell(def: LedgerDef, name: string, v: LedgerRecord[string]): ExcelJS.CellValue {
  if (v === null || v === undefined) return null;
  const fd = def.fields[name]!;
  if (fd.type === 'bool') return v ? '是' : '否';
  if (fd.type === 'multi') return (v as string[]).join('、');
  if (fd.type === 'money') return Number(v) / 100;
  return v as string | number;
}

/** The downloaded template with `rows` filled in under its header row. */
export async function fillTemplate(def: LedgerDef, template: Buffer, rows: LedgerRecord[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(template as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('数据');
  if (!ws) throw new Error('template has no 数据 sheet');
  const byLabel = new Map(Object.entries(def.fields).map(([name, fd]) => [fd.label, name]));
  const columns: Array<{ col: number; name: string }> = [];
  ws.getRow(1).eachCell((c, col) => {
    const name = byLabel.get(String(c.value ?? '').replace(/\*$/, ''));
    if (name) columns.push({ col, name });
  });
  rows.forEach((r, i) => {
    const row = ws.getRow(i + 2);
    for (const { col, name } of columns) row.getCell(col).value = cell(def, name, r[name] ?? null);
    row.commit();
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
