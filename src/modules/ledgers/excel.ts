// Excel in and out for every ledger, derived from its definition: a template with dictionary
// dropdowns, an all-or-nothing import that validates every row first, and an export of a list.
import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import type { Database } from '../../db/index.ts';
import { nowIso } from '../../db/index.ts';
import { ledgerTable } from '../../db/ledger-storage.ts';
import { isInputField, type LedgerDef, type LedgerRecord } from '../../domain/ledgers/define.ts';
import { DICTIONARIES } from '../../domain/ledgers/dictionaries.ts';
import { validateRecord } from '../../domain/ledgers/validate.ts';
import { AppError, badRequest } from '../../server/errors.ts';
import { type Actor, appendAudit } from '../audit/service.ts';
import type { AuthContext } from '../auth/context.ts';
import { recordsInScope } from '../org/scope.ts';
import { MAX_IMPORT_ROWS } from '../uploads/limits.ts';
import { importSheet } from '../uploads/read-upload.ts';
import { cellText, type SheetRow } from '../uploads/xlsx-sheet.ts';
import { type ImportUnit, type ImportUnits, importUnits } from './import-units.ts';
import {
  deriveRecord,
  dyn,
  groupByUnit,
  insertBatch,
  isUniqueViolation,
  keyLabel,
  presentRecord,
  type Row,
  recordToRow,
  rowToRecord,
} from './records.ts';
import { applyRollupDelta } from './rollups.ts';

export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
export { MAX_IMPORT_ROWS };

const UNIT_COLUMN = '填报单位';
const TEMPLATE_ROWS = 2000;

function headerOf(def: LedgerDef, name: string): string {
  const fd = def.fields[name]!;
  return fd.required ? `${fd.label}*` : fd.label;
}

function colLetter(n: number): string {
  let s = '';
  let x = n;
  while (x > 0) {
    const r = (x - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    x = Math.floor((x - 1) / 26);
  }
  return s;
}

// ExcelJS supports range validations at run time (worksheet.dataValidations) but its typings omit them.
type RangeValidations = { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } };

/** What the template says of personal data: the rule of domain/privacy/who-sees.ts, in the user's words. */
export const PII_NOTE =
  '个人信息：本单位的填报、审核人员和有「查看未脱敏个人信息」权限的人员在列表、详情和导出中看到原文，其他人看到脱敏形式';

export async function buildTemplate(def: LedgerDef): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '法治政府建设综合管理平台';
  const ws = wb.addWorksheet('数据', { views: [{ state: 'frozen', ySplit: 1 }] });
  const dictSheet = wb.addWorksheet('字典', { state: 'hidden' });
  // Derived fields (按期审结…) are computed by the platform, so the template has no column for them; an
  // export re-imported with the column is accepted and the column ignored.
  const names = Object.keys(def.fields).filter((name) => isInputField(def.fields[name]!));
  ws.columns = [
    ...names.map((name) => {
      const fd = def.fields[name]!;
      return {
        header: headerOf(def, name),
        key: name,
        width: Math.max(12, fd.label.length * 2 + 4),
        style: fd.type === 'date' ? { numFmt: 'yyyy-mm-dd' } : fd.type === 'money' ? { numFmt: '0.00' } : {},
      };
    }),
    { header: UNIT_COLUMN, key: '__unit', width: 24 },
  ];
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
  let dictCol = 0;
  names.forEach((name, i) => {
    const fd = def.fields[name]!;
    const letter = colLetter(i + 1);
    const range = `${letter}2:${letter}${TEMPLATE_ROWS + 1}`;
    const options = fd.type === 'bool' ? ['是', '否'] : fd.dict ? [...(DICTIONARIES[fd.dict] ?? [])] : null;
    if (options && fd.type !== 'multi') {
      dictCol += 1;
      const dl = colLetter(dictCol);
      dictSheet.getCell(`${dl}1`).value = fd.label;
      options.forEach((o, j) => {
        dictSheet.getCell(`${dl}${j + 2}`).value = o;
      });
      (ws as unknown as RangeValidations).dataValidations.add(range, {
        type: 'list',
        allowBlank: !fd.required,
        formulae: [`字典!$${dl}$2:$${dl}$${options.length + 1}`],
        showErrorMessage: true,
        errorTitle: '取值不在字典中',
        error: `「${fd.label}」请从下拉列表中选择`,
      });
    } else if (fd.type === 'date') {
      (ws as unknown as RangeValidations).dataValidations.add(range, {
        type: 'date',
        operator: 'greaterThan',
        allowBlank: !fd.required,
        formulae: [new Date(Date.UTC(1990, 0, 1))],
        showErrorMessage: true,
        error: `「${fd.label}」请填写日期，如 2025-03-01`,
      });
    }
  });
  const help = wb.addWorksheet('填表说明');
  help.columns = [
    { header: '字段', width: 24 },
    { header: '类型', width: 12 },
    { header: '必填', width: 8 },
    { header: '说明', width: 70 },
  ];
  help.getRow(1).font = { bold: true };
  const typeLabel: Record<string, string> = {
    text: '文本',
    longtext: '长文本',
    date: '日期',
    int: '整数',
    decimal: '数值',
    money: '金额（元）',
    bool: '是/否',
    dict: '字典',
    multi: '多选',
  };
  for (const name of names) {
    const fd = def.fields[name]!;
    const options = fd.dict ? (DICTIONARIES[fd.dict] ?? []).join('、') : '';
    const notes = [
      fd.type === 'date' ? '格式 YYYY-MM-DD，如 2025-03-01' : '',
      fd.type === 'multi' ? `可多选，用顿号分隔：${options}` : fd.dict ? `可选值：${options}` : '',
      fd.pii ? PII_NOTE : '',
      def.naturalKey.includes(name)
        ? '唯一标识：同一单位内相同取值、且您有权修改的记录将被更新；与您无权修改的记录相同则该行报错，不会覆盖'
        : '',
      fd.help ?? '',
    ].filter(Boolean);
    help.addRow([fd.label, typeLabel[fd.type] ?? fd.type, fd.required ? '是' : '', notes.join('；')]);
  }
  help.addRow([
    UNIT_COLUMN,
    '文本',
    '',
    '单位全称；不填则为导入时选择的默认单位。未选择默认单位时，只能为一个单位填报的用户可不填（即本单位），可为多个单位填报的用户必须填写。只能填写您有权限的单位。',
  ]);
  help.addRow([]);
  help.addRow([
    '导入规则',
    '',
    '',
    '先逐行校验，任何一行有错则全部不写入，并可下载错误报告；全部正确则在一个事务内写入。单个文件最多 20000 行、20 MB。请勿使用公式和合并单元格。',
  ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export interface ImportError {
  row: number;
  column: string;
  value: string;
  reason: string;
}

export class ImportRejected extends AppError {
  constructor(
    readonly errors: ImportError[],
    readonly rowCount: number,
  ) {
    super(
      400,
      'IMPORT_REJECTED',
      `导入未执行：发现 ${errors.length} 处错误，未写入任何数据，请下载错误报告修改后重新导入`,
    );
  }
}

export interface ParsedImport {
  rows: Array<{ rowNumber: number; unitName: string | null; record: LedgerRecord }>;
  sha256: string;
}

/** Where an import stands, for a progress bar: rows for validate and write, bytes for parse. */
export interface ImportProgress {
  phase: 'parse' | 'validate' | 'write';
  done: number;
  total: number;
}

export type ImportProgressListener = (p: ImportProgress) => void;

/** Report at most every this many rows or milliseconds, whichever comes first. */
const PROGRESS_ROWS = 250;
const PROGRESS_MS = 100;
/** Rows per insertBatch call in writeImport: one progress step (and one multi-row INSERT or two). */
const WRITE_CHUNK = 500;

/** Lets pending I/O run (a progress line reaching the socket, other requests) in a long loop. */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * One phase's reports: `{done: 0}` at once, then at most every PROGRESS_ROWS rows or PROGRESS_MS
 * milliseconds, and `{done: total}` exactly once from end().
 */
function phaseReporter(
  onProgress: ImportProgressListener | undefined,
  phase: ImportProgress['phase'],
  total: number,
) {
  let last = 0;
  let lastAt = Date.now();
  onProgress?.({ phase, done: 0, total });
  return {
    tick(done: number) {
      if (!onProgress || done <= last || done >= total) return;
      const now = Date.now();
      if (done - last < PROGRESS_ROWS && now - lastAt < PROGRESS_MS) return;
      last = done;
      lastAt = now;
      onProgress({ phase, done, total });
    },
    end() {
      onProgress?.({ phase, done: total, total });
    },
  };
}

/**
 * Reads and validates every row of an uploaded workbook. `onProgress` hears the phases 'parse'
 * (loading the workbook, in bytes: start and end only) and 'validate' (in rows); the validation
 * loop yields to the event loop every PROGRESS_ROWS rows so that the server stays responsive.
 * Given the importer's `units`, each row's 填报单位 is resolved in the same loop, so that an unknown
 * or missing unit is reported together with the row's other errors, not after they are fixed.
 */
export async function parseImport(
  def: LedgerDef,
  buffer: Buffer,
  onProgress?: ImportProgressListener,
  units?: ImportUnits,
): Promise<ParsedImport> {
  if (buffer.length === 0) throw badRequest('文件为空', 'file');
  if (buffer.length > MAX_IMPORT_BYTES)
    throw new AppError(
      413,
      'PAYLOAD_TOO_LARGE',
      `文件超过 ${MAX_IMPORT_BYTES / 1024 / 1024} MB，请拆分后导入`,
    );
  // An .xlsx file is a zip archive: refuse anything else before handing it to the parser.
  if (buffer[0] !== 0x50 || buffer[1] !== 0x4b)
    throw badRequest('文件不是 .xlsx 格式（Excel 2007 及以上、WPS、LibreOffice 另存为 .xlsx）', 'file');
  const reading = phaseReporter(onProgress, 'parse', buffer.length);
  // Within the expansion limits, parsed in a worker: the plain cells come back (uploads/).
  const sheet = await importSheet(buffer);
  reading.end();
  if (sheet.headerMerged) throw badRequest('表头含合并单元格，请使用平台下载的模板，每列一个表头', 'file');
  const errors: ImportError[] = [];
  // Header: labels with an optional * for required fields.
  const byLabel = new Map(Object.entries(def.fields).map(([n, fd]) => [fd.label, n]));
  const columns = new Map<number, string>();
  let unitCol: number | null = null;
  for (const { col, text } of sheet.header) {
    const label = text.replace(/[*＊\s]/g, '');
    if (!label) continue;
    if (label === UNIT_COLUMN) unitCol = col;
    else if (byLabel.has(label)) columns.set(col, byLabel.get(label)!);
    else
      errors.push({
        row: 1,
        column: label,
        value: label,
        reason: `未知的列「${label}」，请使用平台下载的模板`,
      });
  }
  const present = new Set(columns.values());
  for (const [name, fd] of Object.entries(def.fields)) {
    if (fd.required && !present.has(name))
      errors.push({ row: 1, column: fd.label, value: '', reason: `缺少必填列「${fd.label}」` });
  }
  if (errors.length) throw new ImportRejected(errors, 0);
  const rows: ParsedImport['rows'] = [];
  const keys = new Map<string, number>();
  let count = 0;
  // The rows with any value (ExcelJS's includeEmpty: false), validated one by one with pauses.
  const sheetRows = sheet.rows;
  const validating = phaseReporter(onProgress, 'validate', sheetRows.length);
  const validateRow = (row: SheetRow, rowNumber: number): void => {
    const input: Record<string, unknown> = {};
    const formulas = new Set<string>();
    let empty = true;
    const cells = new Map(row.cells.map((c) => [c.col, c]));
    for (const [col, name] of columns) {
      const cell = cells.get(col);
      if (cell?.formula) {
        // Reported once, as a formula: not also as the value it leaves missing.
        formulas.add(name);
        empty = false;
        errors.push({
          row: rowNumber,
          column: def.fields[name]!.label,
          value: cell.text,
          reason: '单元格是公式，请复制后“粘贴为数值”再导入',
        });
        continue;
      }
      const v = cell?.value ?? null;
      if (v !== null && v !== undefined && v !== '') empty = false;
      input[name] = v === '' ? null : v;
    }
    const unitCell = unitCol ? cells.get(unitCol) : undefined;
    const unitName = unitCell ? unitCell.text.trim() || null : null;
    if (empty && !unitName) return;
    count += 1;
    if (count > MAX_IMPORT_ROWS) return;
    const parsed = validateRecord(def, input);
    if ('errors' in parsed) {
      for (const e of parsed.errors.filter((err) => !formulas.has(err.field)))
        errors.push({
          row: rowNumber,
          column: e.label,
          value: cellText(input[e.field] as ExcelJS.CellValue),
          reason: e.message,
        });
    }
    const target = units?.resolve(unitName);
    if (target && 'reason' in target)
      errors.push({ row: rowNumber, column: UNIT_COLUMN, value: unitName ?? '', reason: target.reason });
    if ('errors' in parsed) return;
    // With the units known, a row naming a unit and a row leaving it blank for that unit are one key.
    const unitKey = target && 'unit' in target ? target.unit.id : (unitName ?? '');
    const key = `${unitKey}\u0000${def.naturalKey.map((k) => String(parsed.record[k])).join('\u0000')}`;
    const dup = keys.get(key);
    if (dup) {
      errors.push({
        row: rowNumber,
        column: def.fields[def.naturalKey[0]!]!.label,
        value: String(parsed.record[def.naturalKey[0]!]),
        reason: `与第 ${dup} 行重复`,
      });
      return;
    }
    keys.set(key, rowNumber);
    rows.push({ rowNumber, unitName, record: parsed.record });
  };
  for (const [i, row] of sheetRows.entries()) {
    validateRow(row, row.number);
    validating.tick(i + 1);
    if ((i + 1) % PROGRESS_ROWS === 0) await yieldToEventLoop();
  }
  validating.end();
  if (count > MAX_IMPORT_ROWS)
    throw badRequest(`文件有 ${count} 行数据，单次最多导入 ${MAX_IMPORT_ROWS} 行，请拆分后导入`, 'file');
  if (errors.length) throw new ImportRejected(errors, count);
  if (rows.length === 0) throw badRequest('文件中没有数据行', 'file');
  return { rows, sha256: createHash('sha256').update(buffer).digest('hex') };
}

export interface ImportResult {
  rows: number;
  created: number;
  updated: number;
  /** Where the rows with a blank 填报单位 went (null when every row named its unit). */
  blankUnit: { id: string; name: string; rows: number; chosen: boolean } | null;
}

/**
 * Writes a parsed import in one transaction: natural-key upsert per unit, rollup deltas summed over
 * the batch, one audit record naming every record written. Any failure rolls everything back.
 */
export async function writeImport(
  database: Database,
  auth: AuthContext,
  actor: Actor,
  def: LedgerDef,
  parsed: ParsedImport,
  defaultUnitId: string | null,
  fileName: string,
  onWriteStart?: () => void,
  onProgress?: ImportProgressListener,
): Promise<ImportResult> {
  // Resolved again here, as the units stand now (a unit may have been disabled since validation).
  const units = await importUnits(database, auth, defaultUnitId);
  const errors: ImportError[] = [];
  const fallback: ImportUnit = { id: '', name: '', path: '', disabled: 0 };
  const targets = parsed.rows.map((r) => {
    const target = units.resolve(r.unitName);
    if ('unit' in target) return target.unit;
    errors.push({ row: r.rowNumber, column: UNIT_COLUMN, value: r.unitName ?? '', reason: target.reason });
    return fallback;
  });
  if (errors.length) throw new ImportRejected(errors, parsed.rows.length);
  const blankRows = parsed.rows.filter((r) => !r.unitName).length;
  const blankUnit =
    blankRows && units.blankTarget
      ? { id: units.blankTarget.id, name: units.blankTarget.name, rows: blankRows, chosen: units.chosen }
      : null;
  // Duplicates are judged on the key the row will be stored under, after its unit defaulted: a row
  // naming the importer's unit and a row leaving 填报单位 blank are the same record.
  const firstRowOf = new Map<string, number>();
  for (const [i, r] of parsed.rows.entries()) {
    const key = naturalKeyOf(def, targets[i]!.id, r.record);
    const first = firstRowOf.get(key);
    if (first === undefined) firstRowOf.set(key, r.rowNumber);
    else errors.push(keyError(def, r, `与第 ${first} 行重复（${keyLabel(def, r.record)}，填报单位相同）`));
  }
  if (errors.length) throw new ImportRejected(errors, parsed.rows.length);
  // 'write' progress counts rows: each update, then each chunk of inserts; its end is reported once the
  // transaction has committed. Only when someone listens does the loop also pause for the event loop, so
  // that the progress lines leave the process during the transaction (on SQLite the whole transaction
  // would otherwise run as one chain of microtasks); other requests' queries meanwhile wait for the
  // connection as they would anyway (Kysely's mutex on SQLite's one connection, the pool on PostgreSQL).
  const writing = phaseReporter(onProgress, 'write', parsed.rows.length);
  const pause = onProgress ? yieldToEventLoop : async () => {};
  const result = await database.db.transaction().execute(async (trx) => {
    onWriteStart?.();
    const table = ledgerTable(def);
    const unitIds = [...new Set(targets.map((u) => u.id))];
    // Every live record of the target units, marked whether the importer may write it: the same scope
    // condition as the record API's lookups, so that 本人 updates only the importer's own records.
    const writable = recordsInScope(auth, {
      path: 'r.unit_path',
      unit: 'r.unit_id',
      creator: 'r.created_by',
    });
    const existing = new Map<string, Row & { in_scope: number | string }>();
    for (let i = 0; i < unitIds.length; i += 500) {
      const res = await sql<Row & { in_scope: number | string }>`
        select r.*, case when ${writable} then 1 else 0 end as in_scope from ${sql.table(table)} r
        where r.deleted = 0 and r.unit_id in (${sql.join(unitIds.slice(i, i + 500))})`.execute(trx);
      for (const row of res.rows)
        existing.set(naturalKeyOf(def, String(row.unit_id), rowToRecord(def, row)), row);
    }
    // A key held by a record the importer may not write is a row error worded as for a held key in
    // general: it names neither the record nor its unit or author.
    const held: ImportError[] = [];
    for (const [i, r] of parsed.rows.entries()) {
      const old = existing.get(naturalKeyOf(def, targets[i]!.id, r.record));
      if (old && Number(old.in_scope) !== 1)
        held.push(keyError(def, r, `${keyLabel(def, r.record)}与已有记录冲突，无法导入`));
    }
    if (held.length) throw new ImportRejected(held, parsed.rows.length);
    const now = nowIso();
    const inserts: Array<{ unit: { id: string; path: string }; record: LedgerRecord }> = [];
    const updates: Array<{ unit: { id: string; path: string }; before: LedgerRecord; after: LedgerRecord }> =
      [];
    const ids: string[] = [];
    for (const [i, r] of parsed.rows.entries()) {
      const unit = targets[i]!;
      const old = existing.get(naturalKeyOf(def, unit.id, r.record));
      if (old) {
        // The rollups hold the record under the path stored with it; the version check catches a
        // change made since the read above, as the record API's does.
        const stored = { id: String(old.unit_id), path: String(old.unit_path) };
        const after = await deriveRecord(trx, def, stored.path, r.record);
        const res = await dyn(trx)
          .updateTable(table)
          .set({ ...recordToRow(def, after), version: Number(old.version) + 1, updated_at: now })
          .where('id', '=', String(old.id))
          .where('version', '=', Number(old.version))
          .executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1) throw changedMeanwhile();
        updates.push({ unit: stored, before: rowToRecord(def, old), after });
        ids.push(String(old.id));
        writing.tick(updates.length);
        if (updates.length % PROGRESS_ROWS === 0) await pause();
      } else {
        inserts.push({ unit, record: r.record });
      }
    }
    for (const e of groupByUnit(updates)) await applyRollupDelta(trx, def, e.unit, e.befores, e.afters);
    // In chunks when someone follows the progress (rollup deltas are additive, so the totals are the same
    // as in one call); otherwise in one call, as the CLI and the benchmark have always written.
    const createdBy = auth.user.id === 'system' ? null : auth.user.id;
    const chunk = onProgress ? WRITE_CHUNK : Math.max(1, inserts.length);
    for (let i = 0; i < inserts.length; i += chunk) {
      try {
        ids.push(...(await insertBatch(trx, def, inserts.slice(i, i + chunk), createdBy)));
      } catch (e) {
        // Someone else's transaction wrote one of these keys since the read above.
        if (isUniqueViolation(e)) throw changedMeanwhile();
        throw e;
      }
      writing.tick(updates.length + Math.min(i + chunk, inserts.length));
      await pause();
    }
    const updated = updates.length;
    await appendAudit(trx, database, actor, {
      action: `ledger.${def.key}.import`,
      entityType: def.key,
      details: {
        file: fileName.slice(0, 200),
        sha256: parsed.sha256,
        rows: parsed.rows.length,
        created: inserts.length,
        updated,
        ids,
      },
    });
    return { rows: parsed.rows.length, created: inserts.length, updated, blankUnit };
  });
  writing.end();
  return result;
}

/** A row error on the natural key's first column. */
function keyError(def: LedgerDef, r: ParsedImport['rows'][number], reason: string): ImportError {
  const first = def.naturalKey[0]!;
  return { row: r.rowNumber, column: def.fields[first]!.label, value: String(r.record[first] ?? ''), reason };
}

/** Another writer changed or created one of the file's records during the import. */
function changedMeanwhile(): AppError {
  return new AppError(409, 'CONFLICT', '导入期间有人修改或录入了相同编号的记录，未写入任何数据，请重新导入');
}

function naturalKeyOf(def: LedgerDef, unitId: string, r: LedgerRecord): string {
  return [unitId, ...def.naturalKey.map((k) => String(r[k] ?? ''))].join('\u0000');
}

export async function buildErrorReport(def: LedgerDef, errors: ImportError[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('错误报告');
  ws.columns = [
    { header: '行号', key: 'row', width: 8 },
    { header: '列', key: 'column', width: 20 },
    { header: '填写的值', key: 'value', width: 30 },
    { header: '原因', key: 'reason', width: 60 },
  ];
  ws.getRow(1).font = { bold: true };
  for (const e of errors) ws.addRow(e);
  ws.addRow([]);
  ws.addRow(['', '', '', `${def.title}：共 ${errors.length} 处错误，文件未导入任何数据。`]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function buildExport(
  def: LedgerDef,
  items: Array<{ unitName: string; values: Record<string, unknown> }>,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('数据', { views: [{ state: 'frozen', ySplit: 1 }] });
  const names = Object.keys(def.fields);
  ws.columns = [
    ...names.map((n) => ({
      header: headerOf(def, n),
      key: n,
      width: Math.max(12, def.fields[n]!.label.length * 2 + 4),
    })),
    { header: UNIT_COLUMN, key: '__unit', width: 24 },
  ];
  ws.getRow(1).font = { bold: true };
  for (const it of items) {
    const row: Record<string, unknown> = { __unit: it.unitName };
    for (const n of names) {
      const fd = def.fields[n]!;
      const v = it.values[n];
      row[n] =
        fd.type === 'bool'
          ? v === true
            ? '是'
            : v === false
              ? '否'
              : null
          : Array.isArray(v)
            ? v.join('、')
            : v;
    }
    ws.addRow(row);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export { presentRecord };
