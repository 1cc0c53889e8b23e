/**
 * 规范表述: known corruptions (措施立面 → 措施方面, 案列 → 案例, 习近平法制思想 …) and near misses of
 * canonical formulations, organ names and law titles (one character substituted, dropped, added or swapped).
 */
import data from '../data/standard-terms.json' with { type: 'json' };
import type { Doc } from '../doc.ts';
import { mapRange } from '../normalize.ts';
import type { Finding, Rule, Severity } from '../types.ts';

interface Corruption {
  wrong: string;
  right: string;
  severity: string;
  notBefore?: string;
  notAfter?: string;
  note?: string;
}
const CORRUPTIONS: Corruption[] = data.corruptions;
const TERMS = data.terms.map((t) => t.term);
const TERM_SET = new Set(TERMS);
const STRICT = data.terms.filter((t) => t.strict && t.term.length >= 6).map((t) => t.term);
const CLASSES: string[] = data.interchangeable;

const byHead = new Map<string, string[]>();
const byTail = new Map<string, string[]>();
for (const t of STRICT) {
  const h = t.slice(0, 2);
  const k = t.slice(-2);
  byHead.set(h, [...(byHead.get(h) ?? []), t]);
  byTail.set(k, [...(byTail.get(k) ?? []), t]);
}

function interchangeable(a: string, b: string): boolean {
  return CLASSES.some((c) => c.includes(a) && c.includes(b));
}

/** edit distance ≤ 1 (or one adjacent swap); returns the differing characters for substitutions */
function nearMiss(w: string, t: string): boolean {
  if (w === t) return false;
  if (w[0] !== t[0] || w[w.length - 1] !== t[t.length - 1]) return false;
  if (w.length === t.length) {
    const diffs: number[] = [];
    for (let i = 0; i < w.length && diffs.length <= 2; i++) if (w[i] !== t[i]) diffs.push(i);
    if (diffs.length === 1) {
      const i = diffs[0] ?? 0;
      return !interchangeable(w[i] ?? '', t[i] ?? '');
    }
    if (diffs.length === 2) {
      const [i, j] = diffs as [number, number];
      return j === i + 1 && w[i] === t[j] && w[j] === t[i];
    }
    return false;
  }
  const [a, b] = w.length < t.length ? [w, t] : [t, w];
  if (b.length - a.length !== 1) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  if (FUNCTION_CHARS.includes(b[i] ?? '')) return false; // 第一责任人的职责
  return a.slice(i) === b.slice(i + 1);
}

function severityOf(s: string): Severity {
  return s === '严重' || s === '提示' ? s : '一般';
}

const FUNCTION_CHARS = '的之和与及等、了地其各';
const CJK_RUN = /^[\u4e00-\u9fff]+$/u;

export const standardTerms: Rule = {
  id: 'standard-term',
  title: '规范表述',
  severity: '一般',
  run(doc: Doc): Finding[] {
    const n = doc.normalized;
    const nt = n.text;
    const out: Finding[] = [];
    const taken: Array<[number, number]> = [];
    for (const c of CORRUPTIONS) {
      let i = nt.indexOf(c.wrong);
      while (i >= 0) {
        const before = nt[i - 1] ?? '';
        const after = nt[i + c.wrong.length] ?? '';
        const ok =
          !(c.notBefore && before && c.notBefore.includes(before)) &&
          !(c.notAfter && after && c.notAfter.includes(after));
        // the right form may contain the wrong one (双随机一公开 inside “双随机、一公开”)
        const rightHere = nt
          .slice(Math.max(0, i - c.right.length), i + c.right.length + c.wrong.length)
          .includes(c.right);
        if (ok && !rightHere) {
          const [s, e] = mapRange(n, i, i + c.wrong.length);
          taken.push([s, e]);
          out.push(
            doc.finding(
              'standard-term',
              severityOf(c.severity),
              s,
              e,
              c.note ?? `「${c.wrong}」应为「${c.right}」`,
              c.right,
            ),
          );
        }
        i = nt.indexOf(c.wrong, i + c.wrong.length);
      }
    }
    // near misses of strict terms, anchored on their first or last two characters
    const seen = new Set<string>();
    for (let i = 0; i + 2 <= nt.length; i++) {
      const h = nt.slice(i, i + 2);
      const heads = byHead.get(h);
      if (heads) {
        for (const t of heads) {
          if (nt.startsWith(t, i)) continue;
          for (const len of [t.length - 1, t.length, t.length + 1]) {
            const w = nt.slice(i, i + len);
            if (w.length !== len || !CJK_RUN.test(w) || TERM_SET.has(w)) continue;
            if (nearMiss(w, t)) pushNear(i, i + len, t);
          }
        }
      }
      const tails = byTail.get(h);
      if (tails) {
        for (const t of tails) {
          const endAt = i + 2;
          if (nt.slice(0, endAt).endsWith(t)) continue;
          for (const len of [t.length - 1, t.length, t.length + 1]) {
            const s = endAt - len;
            if (s < 0) continue;
            const w = nt.slice(s, endAt);
            if (!CJK_RUN.test(w) || TERM_SET.has(w)) continue;
            if (nearMiss(w, t)) pushNear(s, endAt, t);
          }
        }
      }
    }
    function pushNear(ns: number, ne: number, t: string) {
      // a longer canonical term covering the window is fine
      for (const u of TERMS) {
        if (u.length <= ne - ns) continue;
        const from = Math.max(0, ns - u.length);
        const k = nt.indexOf(u, from);
        if (k >= 0 && k <= ns && k + u.length >= ne) return;
      }
      const [s, e] = mapRange(n, ns, ne);
      const key = `${s}:${e}`;
      if (seen.has(key) || taken.some(([a, b]) => a < e && b > s)) return;
      seen.add(key);
      taken.push([s, e]);
      out.push(doc.finding('standard-term', '一般', s, e, `疑似规范表述「${t}」写错`, t));
    }
    return out;
  },
};
