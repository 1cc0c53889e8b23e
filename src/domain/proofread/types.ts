export type Severity = '严重' | '一般' | '提示';

export interface Finding {
  /** rule id, e.g. 'prohibited' */
  rule: string;
  severity: Severity;
  /** JavaScript string offsets into the checked text */
  start: number;
  end: number;
  /** text.slice(start, end) */
  excerpt: string;
  /** Chinese explanation */
  message: string;
  suggestion?: string;
}

export interface Fact {
  /** the phrase the quantity belongs to, e.g. 办理行政复议案件收案 */
  label: string;
  value: number;
  unit: string;
  start: number;
  end: number;
  /** canonical ledger indicator id, e.g. reconsideration.received */
  metric?: string;
  /** written with 余/多/约 */
  approx?: boolean;
  /** decimals shown (rates) */
  decimals?: number;
  /** the number as written */
  raw?: string;
}

/** A figure from the platform's own ledger for the unit and year being reported. */
export interface LedgerFigure {
  metric: string;
  value: number;
  unit: string;
  numerator?: number;
  denominator?: number;
}

export interface CheckContext {
  /** the year reported on (e.g. 2024); inferred from the title when absent */
  year?: number;
  /** signing / publication date, YYYY-MM-DD; inferred from the text when absent */
  signedOn?: string;
  /** reporting unit, e.g. 衡山县人民政府 */
  unitName?: string;
  /** expected outline: required part names, each a list of alternative keywords */
  expectedOutline?: Array<{ name: string; keywords: string[] }>;
  houseStyle?: {
    /** 'flag' every half-width mark in Chinese text, 'allow' none, 'consistent' (default) only the minority form */
    halfWidthPunctuation?: 'flag' | 'allow' | 'consistent';
  };
  /** ledger figures for the unit and year; facts with the same metric but another value are reported */
  ledgerFigures?: LedgerFigure[];
  /** restrict to these rule ids */
  rules?: string[];
  /** an administrator's changes to the shipped word lists */
  wordLists?: {
    prohibited?: {
      add?: Array<{ word: string; category: string; always?: boolean }>;
      remove?: string[];
    };
  };
}

export interface Rule {
  id: string;
  /** Chinese title */
  title: string;
  severity: Severity;
  run(doc: import('./doc.ts').Doc, ctx: CheckContext): Finding[];
}
