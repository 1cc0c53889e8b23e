// The declarative ledger (台账) definition: one object per ledger from which storage, validation,
// endpoints, the web form, the Excel template, import/export and the indicator measures are derived.

import type { DeadlineRules } from '../deadlines/rules.ts';
import type { UnitType } from '../org/unit-types.ts';
export type FieldType =
  | 'text'
  | 'longtext'
  | 'date'
  | 'int'
  | 'decimal'
  | 'money'
  | 'bool'
  | 'dict'
  | 'multi';

export interface FieldDef {
  type: FieldType;
  label: string;
  required?: boolean;
  /** Dictionary key in DICTIONARIES, for 'dict' and 'multi' fields. */
  dict?: string;
  /** Personal data: masked in lists and exports without pii:read. */
  pii?: 'name' | 'idNumber' | 'phone' | 'address';
  max?: number;
  min?: number;
  /** Shown in the list table (first columns of the definition by default). */
  list?: boolean;
  /** May be filtered and sorted on (indexed). */
  filter?: boolean;
  help?: string;
  /** Regular expression the text must match, with the Chinese message when it does not. */
  pattern?: { re: RegExp; message: string };
  /**
   * Computed by the engine on every write, never entered: `onTime` names deadlines of the ledger (the
   * first whose condition the record meets applies) and the field holds whether the record was done by
   * its due date (null while open or without a due date).
   */
  derived?: { onTime: string[] };
  /** A date that stands for a whole year (the 1st of January) or month (the 1st): shown as 2026年 / 2026年12月. */
  granularity?: 'year' | 'month';
}

type FieldOpts = Omit<FieldDef, 'type' | 'label'>;

export const f = {
  text: (label: string, o: FieldOpts = {}): FieldDef => ({ type: 'text', label, max: 200, ...o }),
  longtext: (label: string, o: FieldOpts = {}): FieldDef => ({ type: 'longtext', label, max: 5000, ...o }),
  date: (label: string, o: FieldOpts = {}): FieldDef => ({ type: 'date', label, ...o }),
  int: (label: string, o: FieldOpts = {}): FieldDef => ({
    type: 'int',
    label,
    min: 0,
    max: 1_000_000_000,
    ...o,
  }),
  decimal: (label: string, o: FieldOpts = {}): FieldDef => ({ type: 'decimal', label, min: 0, ...o }),
  /** Money is stored as integer 分 and entered/displayed in 元. */
  money: (label: string, o: FieldOpts = {}): FieldDef => ({ type: 'money', label, min: 0, ...o }),
  bool: (label: string, o: FieldOpts = {}): FieldDef => ({ type: 'bool', label, ...o }),
  dict: (label: string, dict: string, o: FieldOpts = {}): FieldDef => ({ type: 'dict', label, dict, ...o }),
  multi: (label: string, dict: string, o: FieldOpts = {}): FieldDef => ({ type: 'multi', label, dict, ...o }),
  /** 是否按期: derived from a deadline of the ledger, on the working-day calendar of the unit's region. */
  onTime: (label: string, deadlines: string[], o: FieldOpts = {}): FieldDef => ({
    type: 'bool',
    label,
    derived: { onTime: deadlines },
    ...o,
  }),
};

/** Fields a user enters (form, template, import); derived fields are computed by the engine. */
export function isInputField(fd: FieldDef): boolean {
  return !fd.derived;
}

/** A condition on one record, as data so that it runs both in JS (rollups) and in SQL (drill-down). */
export type Predicate =
  | { op: 'notNull'; field: string }
  | { op: 'isNull'; field: string }
  | { op: 'eq'; field: string; value: string | number | boolean }
  | { op: 'in'; field: string; values: Array<string | number> }
  | { op: 'and'; of: Predicate[] }
  | { op: 'or'; of: Predicate[] }
  | { op: 'not'; of: Predicate };

export const p = {
  notNull: (field: string): Predicate => ({ op: 'notNull', field }),
  isNull: (field: string): Predicate => ({ op: 'isNull', field }),
  eq: (field: string, value: string | number | boolean): Predicate => ({ op: 'eq', field, value }),
  in: (field: string, values: Array<string | number>): Predicate => ({ op: 'in', field, values }),
  and: (...of: Predicate[]): Predicate => ({ op: 'and', of }),
  or: (...of: Predicate[]): Predicate => ({ op: 'or', of }),
  not: (of: Predicate): Predicate => ({ op: 'not', of }),
};

/**
 * A measure is what a rollup stores: a count of records, or a sum of a numeric field, over the
 * records matching `where`, attributed to the month of the `at` date field.
 */
export interface MeasureDef {
  label: string;
  kind: 'count' | 'sum';
  /** For 'sum': the numeric field. */
  field?: string;
  /** The date that places the record in a period (e.g. 审结日期 for 审结件数). */
  at: string;
  where?: Predicate;
}

export const m = {
  count: (label: string, at: string, where?: Predicate): MeasureDef => ({
    label,
    kind: 'count',
    at,
    ...(where && { where }),
  }),
  sum: (label: string, field: string, at: string, where?: Predicate): MeasureDef => ({
    label,
    kind: 'sum',
    field,
    at,
    ...(where && { where }),
  }),
};

export interface DeadlineDef {
  id: string;
  label: string;
  /** Statutory limit id in domain/deadlines. */
  limit: string;
  /** The date the period runs from. */
  from: string;
  /** The date that ends it (done); empty means still open. */
  done?: string;
  /** A yes/no field: when it is 是, the limit's statutory extension applies (e.g. 延期审理 +30 日). */
  extendedFlag?: string;
  /**
   * The record's own due date when its rule is the record's (有效期至 entered, or 施行日期 + 有效年限);
   * null falls back to `from` + the statutory limit.
   */
  dueOn?: (r: LedgerRecord, rules: DeadlineRules) => string | null;
  when?: Predicate;
}

export interface LedgerDef {
  key: string;
  title: string;
  /** Canonical indicator family (reconsideration, litigation…) shared with proofread's extractFacts. */
  domain: string;
  description: string;
  /**
   * The kinds of unit that keep this ledger: records are entered only in such units, and the menu,
   * ledger index, 新增 and dashboard of a user in another kind of unit leave the ledger out (reading
   * it across units stays a matter of data scope). Table in docs/ledgers.md.
   */
  keptBy: readonly UnitType[];
  /** Fields that identify a record within its unit; the Excel import upserts by them. */
  naturalKey: string[];
  fields: Record<string, FieldDef>;
  measures: Record<string, MeasureDef>;
  deadlines?: DeadlineDef[];
  /** Default sort field for lists (a date field, newest first). */
  sortBy: string;
  /** Cross-field checks; return Chinese messages keyed by field. */
  validate?: (r: LedgerRecord) => Array<{ field: string; message: string }>;
}

export type FieldValue = string | number | boolean | string[] | null;
export type LedgerRecord = Record<string, FieldValue>;

export function defineLedger(def: LedgerDef): LedgerDef {
  for (const k of def.naturalKey)
    if (!def.fields[k]) throw new Error(`${def.key}: natural key ${k} is not a field`);
  if (def.keptBy.length === 0) throw new Error(`${def.key}: keptBy names no unit type`);
  if (!def.fields[def.sortBy]) throw new Error(`${def.key}: sortBy ${def.sortBy} is not a field`);
  for (const [name, fd] of Object.entries(def.fields)) {
    if (!fd.derived) continue;
    for (const id of fd.derived.onTime) {
      const d = def.deadlines?.find((x) => x.id === id);
      if (!d?.done) throw new Error(`${def.key}.${name}: onTime needs deadline ${id} with a done date`);
    }
    if (fd.required || def.naturalKey.includes(name))
      throw new Error(`${def.key}.${name}: a derived field cannot be required or part of the natural key`);
  }
  for (const [id, ms] of Object.entries(def.measures)) {
    const at = def.fields[ms.at];
    if (at?.type !== 'date') throw new Error(`${def.key}.${id}: at must be a date field`);
    if (ms.kind === 'sum' && (!ms.field || !def.fields[ms.field]))
      throw new Error(`${def.key}.${id}: sum needs a field`);
    if (ms.where)
      for (const field of predicateFields(ms.where))
        if (!def.fields[field]) throw new Error(`${def.key}.${id}: unknown field ${field}`);
  }
  return def;
}

export function predicateFields(pr: Predicate): string[] {
  switch (pr.op) {
    case 'and':
    case 'or':
      return pr.of.flatMap(predicateFields);
    case 'not':
      return predicateFields(pr.of);
    default:
      return [pr.field];
  }
}

export function matches(pr: Predicate | undefined, r: LedgerRecord): boolean {
  if (!pr) return true;
  switch (pr.op) {
    case 'notNull':
      return r[pr.field] !== null && r[pr.field] !== undefined && r[pr.field] !== '';
    case 'isNull':
      return r[pr.field] === null || r[pr.field] === undefined || r[pr.field] === '';
    case 'eq':
      return r[pr.field] === pr.value;
    case 'in':
      return pr.values.includes(r[pr.field] as string | number);
    case 'and':
      return pr.of.every((x) => matches(x, r));
    case 'or':
      return pr.of.some((x) => matches(x, r));
    case 'not':
      return !matches(pr.of, r);
  }
}

/** What a record contributes to the rollups: measure → {month, value}. */
export function contributions(
  def: LedgerDef,
  r: LedgerRecord | null,
): Array<{ measure: string; month: string; value: number }> {
  if (!r) return [];
  const out: Array<{ measure: string; month: string; value: number }> = [];
  for (const [id, ms] of Object.entries(def.measures)) {
    const at = r[ms.at];
    if (typeof at !== 'string' || at.length < 7) continue;
    if (!matches(ms.where, r)) continue;
    const value = ms.kind === 'count' ? 1 : Number(r[ms.field!] ?? 0);
    if (value !== 0) out.push({ measure: id, month: at.slice(0, 7), value });
  }
  return out;
}
