/** A checked document: the text plus derived, lazily computed views shared by the rules. */
import { extractFactsFromDoc } from './facts.ts';
import { type Normalized, normalize } from './normalize.ts';
import type { CheckContext, Fact, Finding, Severity } from './types.ts';

export interface Range {
  start: number;
  end: number;
}

export interface Heading extends Range {
  /** 1 for 一、 2 for (一) 3 for 1. */
  level: number;
  text: string;
}

export class Doc {
  readonly text: string;
  private _norm?: Normalized;
  private _lines?: Range[];
  private _sentences?: Range[];
  private _headings?: Heading[];
  private _quoted?: Uint8Array;
  private _facts?: Fact[];

  constructor(text: string) {
    this.text = text;
  }

  get normalized(): Normalized {
    this._norm ??= normalize(this.text);
    return this._norm;
  }

  /** lines (paragraphs), without the line break */
  get lines(): Range[] {
    if (!this._lines) {
      const out: Range[] = [];
      const re = /[^\r\n]*(\r\n|\r|\n|$)/gy;
      let m: RegExpExecArray | null = re.exec(this.text);
      while (m && m[0].length > 0) {
        out.push({ start: m.index, end: m.index + m[0].length - (m[1]?.length ?? 0) });
        m = re.exec(this.text);
      }
      this._lines = out;
    }
    return this._lines;
  }

  /** sentences: split on 。！？!?；; and line ends */
  get sentences(): Range[] {
    if (!this._sentences) {
      const out: Range[] = [];
      for (const line of this.lines) {
        let s = line.start;
        for (let i = line.start; i < line.end; i++) {
          const c = this.text[i];
          if (c === '。' || c === '！' || c === '？' || c === '；' || c === ';' || c === '!' || c === '?') {
            if (i + 1 > s) out.push({ start: s, end: i + 1 });
            s = i + 1;
          }
        }
        if (line.end > s) out.push({ start: s, end: line.end });
      }
      this._sentences = out;
    }
    return this._sentences;
  }

  /** section headings: 一、… (一)… 1.… */
  get headings(): Heading[] {
    if (!this._headings) {
      const out: Heading[] = [];
      // Any white space before the marker: documents indent headings with en spaces (U+2002) too.
      const re =
        /^\s*((?:[一二三四五六七八九十]+、)|(?:[(（][一二三四五六七八九十]+[)）])|(?:\d+[.．、](?!\d)))/u;
      for (const line of this.lines) {
        const lt = this.text.slice(line.start, line.end);
        const m = re.exec(lt);
        if (!m) continue;
        const marker = m[1] ?? '';
        const level = marker.endsWith('、') && !/\d/.test(marker) ? 1 : /^[(（]/.test(marker) ? 2 : 3;
        out.push({ start: line.start, end: line.end, level, text: lt.trim() });
      }
      this._headings = out;
    }
    return this._headings;
  }

  /** 1 where the offset is inside “…”, 《…》, 「…」, 『…』 or "…" */
  get quoted(): Uint8Array {
    if (!this._quoted) {
      const q = new Uint8Array(this.text.length);
      const pairs: Record<string, string> = { '“': '”', '《': '》', '「': '」', '『': '』', '〈': '〉' };
      for (const line of this.lines) {
        const stack: string[] = [];
        for (let i = line.start; i < line.end; i++) {
          const c = this.text[i] ?? '';
          const top = stack[stack.length - 1];
          if (top !== undefined && c === pairs[top]) {
            stack.pop();
            q[i] = 1;
            continue;
          }
          if (c in pairs && stack.length < 8) {
            stack.push(c);
          }
          if (stack.length > 0) q[i] = 1;
        }
      }
      this._quoted = q;
    }
    return this._quoted;
  }

  get facts(): Fact[] {
    this._facts ??= extractFactsFromDoc(this);
    return this._facts;
  }

  sentenceAt(offset: number): Range | undefined {
    const s = this.sentences;
    let lo = 0;
    let hi = s.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const r = s[mid];
      if (!r) break;
      if (offset < r.start) hi = mid - 1;
      else if (offset >= r.end) lo = mid + 1;
      else return r;
    }
    return undefined;
  }

  lineAt(offset: number): Range | undefined {
    const ls = this.lines;
    let lo = 0;
    let hi = ls.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const r = ls[mid];
      if (!r) break;
      if (offset < r.start) hi = mid - 1;
      else if (offset > r.end) lo = mid + 1;
      else return r;
    }
    return undefined;
  }

  finding(
    rule: string,
    severity: Severity,
    start: number,
    end: number,
    message: string,
    suggestion?: string,
  ): Finding {
    const s = Math.max(0, Math.min(start, this.text.length));
    const e = Math.max(s, Math.min(end, this.text.length));
    const f: Finding = { rule, severity, start: s, end: e, excerpt: this.text.slice(s, e), message };
    if (suggestion !== undefined) f.suggestion = suggestion;
    return f;
  }
}

/** Report year and signing date: from the context, else inferred from the text. */
export function resolveDates(doc: Doc, ctx: CheckContext): { year?: number; signedOn?: string } {
  return { year: ctx.year ?? inferYear(doc.text), signedOn: ctx.signedOn ?? inferSignedOn(doc.text) };
}

export function inferYear(text: string): number | undefined {
  const head = text.slice(0, 600);
  const patterns = [
    /[(（](20\d\d)年(?:度)?[)）]/u,
    /(20\d\d)年度?(?:[^\n。，,]{0,20})?法治(?:政府)?建设(?:工作)?(?:情况|年度)?(?:的)?报告/u,
    /(?:^|\n)\s*(20\d\d)年[,，]/u,
  ];
  for (const p of patterns) {
    const m = p.exec(head);
    if (m?.[1]) return Number(m[1]);
  }
  return undefined;
}

export function inferSignedOn(text: string): string | undefined {
  const head = text.slice(0, 1000);
  const m = /(?:成文日期|发布日期|发布时间|公开日期)\s*[\]】]?\s*[:：]?\s*(20\d\d)-(\d\d?)-(\d\d?)/u.exec(
    head,
  );
  if (m) return iso(m[1], m[2], m[3]);
  const tail = text.slice(-200);
  const t = /(20\d\d)年(\d{1,2})月(\d{1,2})日\s*$/u.exec(tail.trimEnd());
  if (t) return iso(t[1], t[2], t[3]);
  return undefined;
}

function iso(y?: string, m?: string, d?: string): string {
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function isCjk(ch: string | undefined): boolean {
  if (!ch) return false;
  const c = ch.charCodeAt(0);
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff);
}
