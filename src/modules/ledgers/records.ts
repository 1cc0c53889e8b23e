// Ledger records: list with filters, get, create, update (version check), soft delete — every one
// scoped by the user's data scope, audited, and keeping the rollups current in the same transaction.
import type { Kysely, RawBuilder, SqlBool } from 'kysely';
import { sql } from 'kysely';
import { containsText, type Database, newId, nowIso, pathUpperBound, type Trx } from '../../db/index.ts';
import { columnOf, ledgerTable } from '../../db/ledger-storage.ts';
import type { FieldDef, FieldValue, LedgerDef, LedgerRecord } from '../../domain/ledgers/define.ts';
import { hasDerivedFields, withDerived } from '../../domain/ledgers/derived.ts';
import { validateRecord } from '../../domain/ledgers/validate.ts';
import { maskIdNumber, maskName, maskPhone } from '../../domain/privacy/mask.ts';
import { type PiiAccess, piiAccess, searchHint, seesPiiOf } from '../../domain/privacy/who-sees.ts';
import { AppError, badRequest, conflict, notFound, staleVersion } from '../../server/errors.ts';
import { type Actor, appendAudit } from '../audit/service.ts';
import { tallyView } from '../audit/view-tally.ts';
import type { AuthContext } from '../auth/context.ts';
import { recordsInScope, scopeGrants, unitsInScope } from '../org/scope.ts';
import { rulesByPath } from './limit-config.ts';
import { COVERED_MEASURES, coveredCases } from './mediation-coverage.ts';
import { predicateSql } from './predicate-sql.ts';
import { ownField, ownMeasure } from './record-query.ts';
import { applyRollupDelta } from './rollups.ts';

// Ledger tables are created from definitions at run time, so their rows are typed loosely here and
// converted to LedgerRecord at the edge.
export type Row = Record<string, string | number | null>;
type DynDB = Record<string, Row>;

export function dyn(db: Database['db'] | Trx): Kysely<DynDB> {
  return db as unknown as Kysely<DynDB>;
}

export function rowToRecord(def: LedgerDef, row: Row): LedgerRecord {
  const r: LedgerRecord = {};
  for (const [name, field] of Object.entries(def.fields)) {
    const v = row[columnOf(name)] ?? null;
    if (v === null) r[name] = null;
    else if (field.type === 'bool') r[name] = Number(v) === 1;
    else if (field.type === 'multi') r[name] = JSON.parse(String(v)) as string[];
    else if (field.type === 'int' || field.type === 'money' || field.type === 'decimal') r[name] = Number(v);
    else r[name] = String(v);
  }
  return r;
}

export function recordToRow(def: LedgerDef, r: LedgerRecord): Row {
  const row: Row = {};
  for (const [name, field] of Object.entries(def.fields)) {
    const v = r[name];
    if (v === null || v === undefined) row[columnOf(name)] = null;
    else if (field.type === 'bool') row[columnOf(name)] = v ? 1 : 0;
    else if (field.type === 'multi') row[columnOf(name)] = JSON.stringify(v);
    else row[columnOf(name)] = v as string | number;
  }
  return row;
}

function mask(field: FieldDef, v: FieldValue): FieldValue {
  if (typeof v !== 'string' || !field.pii) return v;
  if (field.pii === 'name') return maskName(v);
  if (field.pii === 'idNumber') return maskIdNumber(v);
  if (field.pii === 'phone') return maskPhone(v);
  // Addresses only to township level: keep the part up to 乡/镇/街道.
  const m = /^.*?(乡|镇|街道)/.exec(v);
  return m ? `${m[0]}***` : '***';
}

/** Values for display and API output: money in 元, personal data masked unless allowed. */
export function presentRecord(def: LedgerDef, r: LedgerRecord, showPii: boolean): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = {};
  for (const [name, field] of Object.entries(def.fields)) {
    let v = r[name] ?? null;
    if (field.type === 'money' && typeof v === 'number') v = v / 100;
    out[name] = showPii ? v : mask(field, v);
  }
  return out;
}

function maskedForAudit(def: LedgerDef, r: LedgerRecord | null): Record<string, unknown> | null {
  if (!r) return null;
  return presentRecord(def, r, false);
}

export interface RecordDto {
  id: string;
  unitId: string;
  unitName: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  /** True when the record has personal data and this user sees it in clear. */
  piiShown: boolean;
  values: Record<string, FieldValue>;
}

export interface ListQuery {
  unit?: string | undefined;
  subtree?: boolean | undefined;
  q?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  filters: Record<string, string>;
  measure?: string | undefined;
  periodFrom?: string | undefined;
  periodTo?: string | undefined;
  sort?: string | undefined;
  order?: 'asc' | 'desc' | undefined;
  page: number;
  pageSize: number;
}

async function unitCondition(
  database: Database,
  auth: AuthContext,
  unitId: string,
  subtree: boolean,
): Promise<RawBuilder<SqlBool>> {
  const unit = await database.db
    .selectFrom('units')
    .select(['id', 'path'])
    .where('units.id', '=', unitId)
    .where(unitsInScope(auth))
    .executeTakeFirst();
  if (!unit) throw notFound('单位');
  return subtree
    ? sql<SqlBool>`(r.unit_path >= ${unit.path} and r.unit_path < ${pathUpperBound(unit.path)})`
    : sql<SqlBool>`r.unit_id = ${unit.id}`;
}

export const COUNT_CAP = 10_000;

export async function listRecords(
  database: Database,
  auth: AuthContext,
  actor: Actor,
  def: LedgerDef,
  q: ListQuery,
  /** `tally: false` where the caller audits the views itself (the export). */
  opts: { tally?: boolean } = {},
) {
  const conds: RawBuilder<SqlBool>[] = [
    sql<SqlBool>`r.deleted = 0`,
    recordsInScope(auth, { path: 'r.unit_path', unit: 'r.unit_id', creator: 'r.created_by' }),
  ];
  if (q.unit) conds.push(await unitCondition(database, auth, q.unit, q.subtree ?? false));
  const scopeConds = [...conds];
  const sortField = q.sort ?? def.sortBy;
  const sortDef = ownField(def, sortField);
  if (!sortDef || !(sortField === def.sortBy || sortDef.filter || sortDef.list))
    throw badRequest(`不能按「${sortField}」排序`, 'sort');
  if (q.from) conds.push(sql<SqlBool>`${sql.ref(`r.${columnOf(def.sortBy)}`)} >= ${q.from}`);
  if (q.to) conds.push(sql<SqlBool>`${sql.ref(`r.${columnOf(def.sortBy)}`)} <= ${q.to}`);
  for (const [name, value] of Object.entries(q.filters)) {
    const field = ownField(def, name);
    if (!field?.filter) throw badRequest(`不能按「${name}」筛选`, name);
    conds.push(
      sql<SqlBool>`${sql.ref(`r.${columnOf(name)}`)} = ${field.type === 'bool' ? (value === 'true' || value === '1' ? 1 : 0) : value}`,
    );
  }
  const access = piiAccess(auth.permissions);
  const piiSearched = q.q ? personalSearch(def, auth, access, q.q) : null;
  if (q.q) {
    const textFields = Object.entries(def.fields).filter(
      ([, fd]) => (fd.type === 'text' || fd.type === 'longtext') && !fd.pii,
    );
    const matches = textFields.map(([n]) => containsText(`r.${columnOf(n)}`, q.q!));
    if (piiSearched) matches.push(piiSearched);
    if (matches.length) conds.push(sql<SqlBool>`(${sql.join(matches, sql` or `)})`);
  }
  if (q.measure) {
    // Drill-down: the records behind a figure — the measure's condition in the figure's period.
    const ms = ownMeasure(def, q.measure);
    if (ms.where) conds.push(predicateSql(def, ms.where));
    const at = sql.ref(`r.${columnOf(ms.at)}`);
    conds.push(sql<SqlBool>`${at} is not null`);
    if (q.periodFrom) conds.push(sql<SqlBool>`${at} >= ${q.periodFrom}`);
    if (q.periodTo) conds.push(sql<SqlBool>`${at} <= ${q.periodTo}`);
    // Cases a counted township statistic already covers are not in the figure, so not in its list.
    if (COVERED_MEASURES.has(`${def.key}.${q.measure}`)) {
      const covered = await coveredCases(
        database,
        sql.join(scopeConds, sql` and `),
        q.periodFrom ?? '0001-01-01',
        q.periodTo ?? '9999-12-31',
      );
      if (covered) conds.push(sql<SqlBool>`not ${covered}`);
    }
  }
  const where = sql.join(conds, sql` and `);
  const table = sql.table(ledgerTable(def));
  // Counting is capped: beyond COUNT_CAP matches (a province-wide list) an exact count costs more than
  // the page itself, and nobody pages that far; the page says 超过 10000 条 instead.
  const totalRow = await sql<{ n: number }>`
    select count(*) as n from (select 1 from ${table} r where ${where} limit ${COUNT_CAP + 1}) capped`.execute(
    database.db,
  );
  const counted = Number(totalRow.rows[0]?.n ?? 0);
  const order = q.order === 'asc' ? sql`asc` : sql`desc`;
  const rows = await sql<Row & { unit_name: string }>`
    select r.*, u.name as unit_name from ${table} r join units u on u.id = r.unit_id
    where ${where}
    order by ${sql.ref(`r.${columnOf(sortField)}`)} ${order}, r.id ${order}
    limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`.execute(database.db);
  const viewer = { userId: auth.user.id, unitId: auth.user.unitId };
  const items = rows.rows.map((row) =>
    toDto(def, row, seesPiiOf(access, viewer, { unitId: String(row.unit_id), createdBy: creatorOf(row) })),
  );
  const hasPii = Object.values(def.fields).some((fd) => fd.pii);
  if (hasPii && (opts.tally ?? true)) {
    if (items.some((it) => it.piiShown))
      await tallyView(database, actor, auth.sessionId, {
        action: 'ledger.pii.list',
        entityType: def.key,
      });
    if (piiSearched)
      await tallyView(database, actor, auth.sessionId, { action: 'ledger.pii.search', entityType: def.key });
  }
  const hint = q.q && hasPii ? searchHint(access, reachesBeyondOwnUnit(auth)) : null;
  return {
    total: Math.min(counted, COUNT_CAP),
    /** False when there are more than `total` matches. */
    totalExact: counted <= COUNT_CAP,
    items,
    /** Why personal data took no part in the keyword search, when it did not. */
    ...(hint ? { hint } : {}),
  };
}

function creatorOf(row: Row): string | null {
  return row.created_by === null || row.created_by === undefined ? null : String(row.created_by);
}

/** Whether the user's scope reaches records of units other than their own. */
function reachesBeyondOwnUnit(auth: AuthContext): boolean {
  return scopeGrants(auth).some((g) => 'subtree' in g);
}

/**
 * The keyword's match on personal data, limited to the records whose personal data the user sees —
 * a match on a masked field would tell its value. Names match from their start (a whole name, or
 * the family name and more), ID and phone numbers only as a whole; addresses take no part.
 */
function personalSearch(
  def: LedgerDef,
  auth: AuthContext,
  access: PiiAccess,
  keyword: string,
): RawBuilder<SqlBool> | null {
  if (access === 'none') return null;
  const text = keyword.trim();
  if (!text) return null;
  const parts: RawBuilder<SqlBool>[] = [];
  for (const [name, fd] of Object.entries(def.fields)) {
    const col = sql.ref(`r.${columnOf(name)}`);
    if (fd.pii === 'name') parts.push(sql<SqlBool>`${col} like ${`${escapeLike(text)}%`} escape '\\'`);
    else if (fd.pii === 'idNumber' || fd.pii === 'phone') parts.push(sql<SqlBool>`${col} = ${text}`);
  }
  if (!parts.length) return null;
  const matched = sql<SqlBool>`(${sql.join(parts, sql` or `)})`;
  if (access === 'all') return matched;
  return sql<SqlBool>`(${matched} and (r.unit_id = ${auth.user.unitId} or r.created_by = ${auth.user.id}))`;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function toDto(def: LedgerDef, row: Row & { unit_name: string }, showPii: boolean): RecordDto {
  return {
    piiShown: showPii && Object.values(def.fields).some((fd) => fd.pii),
    id: String(row.id),
    unitId: String(row.unit_id),
    unitName: row.unit_name,
    version: Number(row.version),
    createdAt: String(row.created_at),
    updatedAt: String(row.updated_at),
    values: presentRecord(def, rowToRecord(def, row), showPii),
  };
}

async function loadRow(db: Database['db'] | Trx, auth: AuthContext, def: LedgerDef, id: string) {
  const res = await sql<Row & { unit_name: string }>`
    select r.*, u.name as unit_name from ${sql.table(ledgerTable(def))} r join units u on u.id = r.unit_id
    where r.id = ${id} and r.deleted = 0 and ${recordsInScope(auth, { path: 'r.unit_path', unit: 'r.unit_id', creator: 'r.created_by' })}`.execute(
    db,
  );
  const row = res.rows[0];
  if (!row) throw notFound(`${def.title}记录`);
  return row;
}

/**
 * One record, its personal data in clear or masked by the same rule as the list. `unmask=true` is kept
 * for older clients: it is refused where the rule masks, and changes nothing where it does not.
 */
export async function getRecord(
  database: Database,
  auth: AuthContext,
  actor: Actor,
  def: LedgerDef,
  id: string,
  unmask: boolean,
  opts: { tally?: boolean } = {},
) {
  const row = await loadRow(database.db, auth, def, id);
  const shown = seesPiiOf(
    piiAccess(auth.permissions),
    { userId: auth.user.id, unitId: auth.user.unitId },
    { unitId: String(row.unit_id), createdBy: creatorOf(row) },
  );
  if (unmask && !shown) throw new AppError(403, 'FORBIDDEN', '您没有查看该记录未脱敏个人信息的权限');
  const dto = toDto(def, row, shown);
  if (dto.piiShown && (opts.tally ?? true))
    await tallyView(database, actor, auth.sessionId, {
      action: 'ledger.pii.view',
      entityType: def.key,
      entityId: id,
    });
  return dto;
}

function invalid(errors: Array<{ field: string; label: string; message: string }>): AppError {
  const first = errors[0]!;
  const err = new AppError(
    400,
    'VALIDATION_FAILED',
    errors.map((e) => `${e.label}：${e.message}`).join('；'),
    first.field,
  );
  return Object.assign(err, { errors });
}

async function writableUnit(trx: Trx, auth: AuthContext, unitId: string) {
  const unit = await trx
    .selectFrom('units')
    .select(['id', 'path', 'disabled', 'name'])
    .where('units.id', '=', unitId)
    .where(unitsInScope(auth))
    .executeTakeFirst();
  if (!unit) throw notFound('单位');
  if (unit.disabled) throw badRequest('该单位已停用，不能填报', 'unitId');
  return unit;
}

async function naturalKeyTaken(
  trx: Trx,
  def: LedgerDef,
  unitId: string,
  record: LedgerRecord,
  exceptId?: string,
): Promise<boolean> {
  const conds = def.naturalKey.map(
    (k) => sql<SqlBool>`${sql.ref(columnOf(k))} = ${recordToRow(def, record)[columnOf(k)]}`,
  );
  const res = await sql<{ id: string }>`
    select id from ${sql.table(ledgerTable(def))} where deleted = 0 and unit_id = ${unitId} and ${sql.join(conds, sql` and `)}
    ${exceptId ? sql`and id <> ${exceptId}` : sql``} limit 1`.execute(trx);
  return res.rows.length > 0;
}

export function keyLabel(def: LedgerDef, r: LedgerRecord): string {
  return def.naturalKey.map((k) => `${def.fields[k]!.label}「${String(r[k])}」`).join('、');
}

/**
 * A natural key already held in the unit. The words are the same whether the holder is in the caller's
 * scope or not (another person's record under 本人), and name nothing but what the caller typed.
 */
export function keyTaken(def: LedgerDef, r: LedgerRecord): AppError {
  return conflict(`${keyLabel(def, r)}与已有记录冲突，无法保存`, def.naturalKey[0]);
}

/**
 * The natural-key index refused a row: two writers checked the key at the same time and the other one
 * committed first (PostgreSQL 23505, SQLite SQLITE_CONSTRAINT_UNIQUE).
 */
export function isUniqueViolation(e: unknown): boolean {
  if (!e || typeof e !== 'object' || !('code' in e)) return false;
  const code = (e as { code: unknown }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/** The record with its derived fields computed on the calendar of the unit's region. */
export async function deriveRecord(trx: Trx, def: LedgerDef, unitPath: string, record: LedgerRecord) {
  if (!hasDerivedFields(def)) return record;
  return withDerived(def, record, await rulesByPath(trx)(unitPath));
}

/** Inserts one validated record; shared by the API and the Excel import. */
export async function insertRecord(
  trx: Trx,
  database: Database,
  actor: Actor,
  def: LedgerDef,
  unit: { id: string; path: string },
  record: LedgerRecord,
  createdBy: string | null,
): Promise<string> {
  record = await deriveRecord(trx, def, unit.path, record);
  const id = newId();
  const now = nowIso();
  await dyn(trx)
    .insertInto(ledgerTable(def))
    .values({
      id,
      unit_id: unit.id,
      unit_path: unit.path,
      created_by: createdBy,
      created_at: now,
      updated_at: now,
      version: 1,
      deleted: 0,
      ...recordToRow(def, record),
    })
    .execute();
  await applyRollupDelta(trx, def, unit, null, record);
  await appendAudit(trx, database, actor, {
    action: `ledger.${def.key}.create`,
    entityType: def.key,
    entityId: id,
    before: null,
    after: maskedForAudit(def, record),
  });
  return id;
}

/** Replaces a record's values (version-checked); shared by the API and the Excel import. */
export async function replaceRecord(
  trx: Trx,
  database: Database,
  actor: Actor,
  def: LedgerDef,
  row: Row,
  record: LedgerRecord,
  version: number,
): Promise<void> {
  const before = rowToRecord(def, row);
  record = await deriveRecord(trx, def, String(row.unit_path), record);
  const res = await dyn(trx)
    .updateTable(ledgerTable(def))
    .set({ ...recordToRow(def, record), version: version + 1, updated_at: nowIso() })
    .where('id', '=', String(row.id))
    .where('version', '=', version)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw staleVersion();
  await applyRollupDelta(trx, def, { id: String(row.unit_id), path: String(row.unit_path) }, before, record);
  await appendAudit(trx, database, actor, {
    action: `ledger.${def.key}.update`,
    entityType: def.key,
    entityId: String(row.id),
    before: maskedForAudit(def, before),
    after: maskedForAudit(def, record),
  });
}

export async function createRecord(
  database: Database,
  auth: AuthContext,
  actor: Actor,
  def: LedgerDef,
  unitId: string | undefined,
  input: Record<string, unknown>,
) {
  const parsed = validateRecord(def, input);
  if ('errors' in parsed) throw invalid(parsed.errors);
  const id = await database.db
    .transaction()
    .execute(async (trx) => {
      const unit = await writableUnit(trx, auth, unitId ?? auth.user.unitId);
      if (await naturalKeyTaken(trx, def, unit.id, parsed.record)) throw keyTaken(def, parsed.record);
      return insertRecord(trx, database, actor, def, unit, parsed.record, auth.user.id);
    })
    .catch((e: unknown) => {
      if (isUniqueViolation(e)) throw keyTaken(def, parsed.record);
      throw e;
    });
  // The writer's own answer, not a view of someone's data: the write itself is audited.
  return getRecord(database, auth, actor, def, id, false, { tally: false });
}

export async function updateRecord(
  database: Database,
  auth: AuthContext,
  actor: Actor,
  def: LedgerDef,
  id: string,
  input: Record<string, unknown>,
  version: number,
) {
  await database.db.transaction().execute(async (trx) => {
    const row = await loadRow(trx, auth, def, id);
    // Masked values sent back unchanged keep the stored personal data. Replaced before validation:
    // a masked ID number (43**********988) would fail its own pattern.
    const before = rowToRecord(def, row);
    const unmasked: Record<string, unknown> = { ...input };
    for (const [name, field] of Object.entries(def.fields)) {
      const v = unmasked[name];
      if (field.pii && typeof v === 'string' && v === mask(field, before[name] ?? null))
        unmasked[name] = before[name] ?? null;
    }
    const parsed = validateRecord(def, unmasked);
    if ('errors' in parsed) throw invalid(parsed.errors);
    if (await naturalKeyTaken(trx, def, String(row.unit_id), parsed.record, id)) {
      throw keyTaken(def, parsed.record);
    }
    try {
      await replaceRecord(trx, database, actor, def, row, parsed.record, version);
    } catch (e) {
      if (isUniqueViolation(e)) throw keyTaken(def, parsed.record);
      throw e;
    }
  });
  // The writer's own answer, not a view of someone's data: the write itself is audited.
  return getRecord(database, auth, actor, def, id, false, { tally: false });
}

export async function deleteRecord(
  database: Database,
  auth: AuthContext,
  actor: Actor,
  def: LedgerDef,
  id: string,
  version: number,
) {
  await database.db.transaction().execute(async (trx) => {
    const row = await loadRow(trx, auth, def, id);
    const before = rowToRecord(def, row);
    const res = await dyn(trx)
      .updateTable(ledgerTable(def))
      .set({ deleted: 1, version: version + 1, updated_at: nowIso() })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw staleVersion();
    await applyRollupDelta(trx, def, { id: String(row.unit_id), path: String(row.unit_path) }, before, null);
    await appendAudit(trx, database, actor, {
      action: `ledger.${def.key}.delete`,
      entityType: def.key,
      entityId: id,
      before: maskedForAudit(def, before),
      after: null,
    });
  });
}

/** Groups rollup changes per unit so that a batch touches each rollup row once. */
export function groupByUnit<
  T extends { unit: { id: string; path: string }; before?: LedgerRecord | null; after: LedgerRecord },
>(changes: T[]) {
  const byUnit = new Map<
    string,
    { unit: { id: string; path: string }; befores: LedgerRecord[]; afters: LedgerRecord[] }
  >();
  for (const c of changes) {
    const e = byUnit.get(c.unit.id) ?? { unit: c.unit, befores: [], afters: [] };
    if (c.before) e.befores.push(c.before);
    e.afters.push(c.after);
    byUnit.set(c.unit.id, e);
  }
  return [...byUnit.values()];
}

/**
 * Inserts many validated records (Excel import, demo data, benchmarks): multi-row inserts within the
 * bound-parameter limit, rollups summed per unit. The caller owns the transaction and the audit entry.
 */
export async function insertBatch(
  trx: Trx,
  def: LedgerDef,
  items: Array<{ unit: { id: string; path: string }; record: LedgerRecord }>,
  createdBy: string | null,
): Promise<string[]> {
  if (hasDerivedFields(def)) {
    const rulesOf = rulesByPath(trx);
    const derived = [];
    for (const it of items)
      derived.push({ ...it, record: withDerived(def, it.record, await rulesOf(it.unit.path)) });
    items = derived;
  }
  const now = nowIso();
  const ids: string[] = [];
  const rows = items.map((it) => {
    const id = newId();
    ids.push(id);
    return {
      id,
      unit_id: it.unit.id,
      unit_path: it.unit.path,
      created_by: createdBy,
      created_at: now,
      updated_at: now,
      version: 1,
      deleted: 0,
      ...recordToRow(def, it.record),
    };
  });
  const perRow = Object.keys(def.fields).length + 8;
  const batch = Math.max(1, Math.floor(30000 / perRow));
  for (let i = 0; i < rows.length; i += batch)
    await dyn(trx)
      .insertInto(ledgerTable(def))
      .values(rows.slice(i, i + batch))
      .execute();
  for (const e of groupByUnit(items.map((it) => ({ unit: it.unit, after: it.record }))))
    await applyRollupDelta(trx, def, e.unit, e.befores, e.afters);
  return ids;
}
