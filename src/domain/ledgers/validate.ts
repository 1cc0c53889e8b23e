// Parsing and validation of one input row (API body or Excel row) against a ledger definition.
// Accepts what staff actually type: 2025/3/1, 2025年3月1日, Excel serial dates, 是/否, 1,234.50 元,
// 「、」-separated multi values. Messages are Chinese and name the field's label.

import type { FieldDef, FieldValue, LedgerDef, LedgerRecord } from './define.ts';
import { hasControlChars } from '../control-chars.ts';
import { DICTIONARIES } from './dictionaries.ts';

export interface FieldError {
  field: string;
  label: string;
  message: string;
}

export type ValidationResult = { record: LedgerRecord } | { errors: FieldError[] };

type Parsed = { ok: true; value: FieldValue } | { ok: false; message: string };

const ok = (value: FieldValue): Parsed => ({ ok: true, value });
const bad = (message: string): Parsed => ({ ok: false, message });

/** Full-width digits, letters and punctuation → half-width; trims. */
function halfWidth(s: string): string {
  return s
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .trim();
}

function isEmpty(v: unknown): boolean {
  return (
    v === undefined ||
    v === null ||
    (typeof v === 'string' && v.trim() === '') ||
    (Array.isArray(v) && v.length === 0) ||
    (typeof v === 'number' && Number.isNaN(v))
  );
}

const pad = (n: number) => String(n).padStart(2, '0');

function realDate(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return null;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > last) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

const DATE_MSG = '日期格式应为 YYYY-MM-DD';

export function parseDate(v: unknown): Parsed {
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return bad(DATE_MSG);
    // Excel readers give local midnight; take the calendar date as shown.
    const s = realDate(v.getFullYear(), v.getMonth() + 1, v.getDate());
    return s ? ok(s) : bad(DATE_MSG);
  }
  if (typeof v === 'number') {
    // Excel serial date (1900 system): 1 = 1900-01-01, with Excel's phantom 1900-02-29.
    if (!Number.isInteger(v) || v < 61 || v > 73050) return bad(DATE_MSG);
    const d = new Date(Date.UTC(1899, 11, 30) + v * 86_400_000);
    return ok(d.toISOString().slice(0, 10));
  }
  if (typeof v !== 'string') return bad(DATE_MSG);
  const s = halfWidth(v);
  const m =
    /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(
      s,
    ) ??
    /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/.exec(s) ??
    /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (!m) return bad(DATE_MSG);
  const d = realDate(Number(m[1]), Number(m[2]), Number(m[3]));
  return d ? ok(d) : bad(`${s} 不是有效日期，${DATE_MSG}`);
}

/** A plain decimal number as typed: 1234, 1,234.5, -3, １２３ (thousands separators allowed). */
function numberText(v: unknown): string | null {
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : null;
  if (typeof v !== 'string') return null;
  const s = halfWidth(v).replace(/\s/g, '');
  if (!/^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$|^[+-]?\.\d+$/.test(s)) return null;
  return s.replace(/,/g, '');
}

function rangeCheck(n: number, def: FieldDef, shown: (x: number) => string = String): string | null {
  if (def.min !== undefined && n < def.min) return `不能小于 ${shown(def.min)}`;
  if (def.max !== undefined && n > def.max) return `不能大于 ${shown(def.max)}`;
  return null;
}

function parseInt_(v: unknown, def: FieldDef): Parsed {
  const t = numberText(v);
  if (t === null) return bad('应为整数');
  const n = Number(t);
  if (!Number.isSafeInteger(n)) return bad('应为整数');
  const r = rangeCheck(n, def);
  return r ? bad(r) : ok(n);
}

function parseDecimal(v: unknown, def: FieldDef): Parsed {
  const t = numberText(v);
  if (t === null) return bad('应为数字');
  const n = Number(t);
  if (!Number.isFinite(n)) return bad('应为数字');
  const r = rangeCheck(n, def);
  return r ? bad(r) : ok(n);
}

/** 元 (up to 2 decimals; 「元」「¥」 and 「万元」 accepted) → integer 分, without floating-point error. */
export function parseMoney(v: unknown, def: FieldDef): Parsed {
  let raw: string;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return bad('应为金额（元）');
    raw = String(v);
    if (/e/i.test(raw)) return bad('金额超出范围');
  } else if (typeof v === 'string') raw = halfWidth(v).replace(/\s/g, '');
  else return bad('应为金额（元）');
  let wan = false;
  raw = raw.replace(/^[¥￥]/, '').replace(/^人民币/, '');
  if (raw.endsWith('万元')) {
    wan = true;
    raw = raw.slice(0, -2);
  } else if (raw.endsWith('元')) raw = raw.slice(0, -1);
  const t = numberText(raw);
  if (t === null) return bad('应为金额（元），如 1234.50');
  const m = /^([+-]?)(\d*)(?:\.(\d+))?$/.exec(t);
  if (!m) return bad('应为金额（元），如 1234.50');
  const sign = m[1] === '-' ? -1 : 1;
  const int = m[2] || '0';
  const frac = (m[3] ?? '').replace(/0+$/, '');
  const places = wan ? 6 : 2;
  if (frac.length > places) return bad(wan ? '以万元填写时最多六位小数' : '金额最多两位小数（精确到分）');
  const digits = `${int}${frac.padEnd(places, '0')}`.replace(/^0+(?=\d)/, '');
  // 元 with 2 places, or 万元 with 6 places: either way the digits are 分.
  const fen = sign * Number(digits);
  if (!Number.isSafeInteger(fen)) return bad('金额超出范围');
  const r = rangeCheck(fen / 100, def, (x) => `${x} 元`);
  return r ? bad(r) : ok(fen === 0 ? 0 : fen);
}

const TRUE = new Set(['true', '是', '1', 'y', 'yes', '有', '√', '✓', 't']);
const FALSE = new Set(['false', '否', '0', 'n', 'no', '无', '×', '✗', 'f']);

function parseBool(v: unknown): Parsed {
  if (typeof v === 'boolean') return ok(v);
  if (typeof v === 'number') return v === 1 ? ok(true) : v === 0 ? ok(false) : bad('应为「是」或「否」');
  if (typeof v !== 'string') return bad('应为「是」或「否」');
  const s = halfWidth(v).toLowerCase();
  if (TRUE.has(s)) return ok(true);
  if (FALSE.has(s)) return ok(false);
  return bad('应为「是」或「否」');
}

/** Compare dictionary values ignoring full/half-width brackets and spaces: 民主法治示范村(社区) = 民主法治示范村（社区）. */
function dictKey(s: string): string {
  return halfWidth(s).replace(/\s/g, '').replace(/（/g, '(').replace(/）/g, ')');
}

function dictLookup(values: readonly string[], v: string): string | undefined {
  if (values.includes(v)) return v;
  const k = dictKey(v);
  return values.find((x) => dictKey(x) === k);
}

function allowed(values: readonly string[]): string {
  return values.length > 30 ? `${values.slice(0, 30).join('、')}…` : values.join('、');
}

function parseDict(v: unknown, def: FieldDef): Parsed {
  const values = DICTIONARIES[def.dict ?? ''] ?? [];
  const s = typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : null;
  if (s === null) return bad(`应为以下值之一：${allowed(values)}`);
  const hit = dictLookup(values, s);
  return hit ? ok(hit) : bad(`的值「${s}」不在可选范围内，可选值：${allowed(values)}`);
}

function parseMulti(v: unknown, def: FieldDef): Parsed {
  const values = DICTIONARIES[def.dict ?? ''] ?? [];
  let items: unknown[];
  if (Array.isArray(v)) items = v;
  else if (typeof v === 'string') items = v.split(/[、,，;；\n]/);
  else return bad(`应为以下值中的一个或多个（以「、」分隔）：${allowed(values)}`);
  const out: string[] = [];
  const unknown: string[] = [];
  for (const it of items) {
    if (typeof it !== 'string' && typeof it !== 'number') return bad('应为文本值列表');
    const s = String(it).trim();
    if (!s) continue;
    const hit = dictLookup(values, s);
    if (!hit) unknown.push(s);
    else if (!out.includes(hit)) out.push(hit);
  }
  if (unknown.length) return bad(`的值「${unknown.join('、')}」不在可选范围内，可选值：${allowed(values)}`);
  return ok(out.length ? out : null);
}

function parseText(v: unknown, def: FieldDef): Parsed {
  let s: string;
  if (typeof v === 'string') s = def.type === 'longtext' ? v.replace(/\r\n/g, '\n').trim() : v.trim();
  else if (typeof v === 'number' && Number.isFinite(v)) s = String(v);
  else if (typeof v === 'boolean') s = v ? '是' : '否';
  else return bad('应为文本');
  if (hasControlChars(s)) return bad('含有不允许的控制字符');
  if (def.type === 'text' && /[\n\r]/.test(s)) s = s.replace(/\s*[\r\n]+\s*/g, ' ');
  const len = [...s].length;
  if (def.max !== undefined && len > def.max) return bad(`不能超过 ${def.max} 个字（现为 ${len} 个字）`);
  if (def.pattern && !def.pattern.re.test(s)) return bad(def.pattern.message);
  return ok(s);
}

export function parseField(def: FieldDef, v: unknown): Parsed {
  switch (def.type) {
    case 'text':
    case 'longtext':
      return parseText(v, def);
    case 'date':
      return parseDate(v);
    case 'int':
      return parseInt_(v, def);
    case 'decimal':
      return parseDecimal(v, def);
    case 'money':
      return parseMoney(v, def);
    case 'bool':
      return parseBool(v);
    case 'dict':
      return parseDict(v, def);
    case 'multi':
      return parseMulti(v, def);
  }
}

/**
 * Parse and validate one input row. Keys may be field keys or the fields' Chinese labels (Excel
 * headers); unknown keys are ignored. Returns the full record (absent fields as null) or every error.
 */
export function validateRecord(def: LedgerDef, input: Record<string, unknown>): ValidationResult {
  const errors: FieldError[] = [];
  const record: LedgerRecord = {};
  for (const [key, fd] of Object.entries(def.fields)) {
    if (fd.derived) {
      // Computed on write from the other fields; a value sent by a client or a re-imported export is ignored.
      record[key] = null;
      continue;
    }
    const raw = Object.hasOwn(input, key) ? input[key] : input[fd.label];
    if (isEmpty(raw)) {
      if (fd.required) errors.push({ field: key, label: fd.label, message: `「${fd.label}」为必填项` });
      record[key] = null;
      continue;
    }
    const r = parseField(fd, raw);
    if (r.ok) {
      record[key] = r.value;
      if (r.value === null && fd.required)
        errors.push({ field: key, label: fd.label, message: `「${fd.label}」为必填项` });
    } else {
      record[key] = null;
      const sep = r.message.startsWith('的') ? '' : '：';
      errors.push({ field: key, label: fd.label, message: `「${fd.label}」${sep}${r.message}` });
    }
  }
  if (def.validate) {
    const failed = new Set(errors.map((e) => e.field));
    for (const e of def.validate(record)) {
      if (failed.has(e.field)) continue;
      const label = def.fields[e.field]?.label ?? e.field;
      errors.push({
        field: e.field,
        label,
        message: e.message.includes(label) ? e.message : `「${label}」：${e.message}`,
      });
    }
  }
  return errors.length ? { errors } : { record };
}
