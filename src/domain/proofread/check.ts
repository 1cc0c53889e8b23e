import { Doc } from './doc.ts';
import { RULES } from './rules/index.ts';
import type { CheckContext, Fact, Finding } from './types.ts';

const ORDER = { 严重: 0, 一般: 1, 提示: 2 } as const;

/** Checks a report and returns findings sorted by position (then severity). Never throws on odd input. */
export function check(text: string, context: CheckContext = {}): Finding[] {
  const input = typeof text === 'string' ? text : '';
  if (input.length === 0) return [];
  const doc = new Doc(input);
  const out: Finding[] = [];
  for (const rule of RULES) {
    if (context.rules && !context.rules.includes(rule.id)) continue;
    out.push(...rule.run(doc, context));
  }
  const seen = new Set<string>();
  const sorted = out
    .filter((f) => {
      const k = `${f.rule}:${f.start}:${f.end}:${f.message}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    })
    .sort((a, b) => a.start - b.start || ORDER[a.severity] - ORDER[b.severity] || a.end - b.end);
  return oneFixPerSpan(sorted);
}

/**
 * Two findings on the same words may not offer two different replacements: the reader could not tell
 * which to take. The first (the more severe, then the earlier rule) keeps its fix; the other says why
 * it has none. Rules avoid this themselves (see ledger.ts); this is the guarantee.
 */
function oneFixPerSpan(findings: Finding[]): Finding[] {
  const fixed = new Map<string, string>();
  return findings.map((f) => {
    if (f.suggestion === undefined) return f;
    const span = `${f.start}:${f.end}`;
    const taken = fixed.get(span);
    if (taken === undefined) {
      fixed.set(span, f.suggestion);
      return f;
    }
    if (taken === f.suggestion) return f;
    const { suggestion: _dropped, ...rest } = f;
    return { ...rest, message: `${f.message}（同一处另有修改建议「${taken}」，请先处理该问题）` };
  });
}

/** Every quantity the text states, with its phrase and, where known, a ledger metric id. */
export function extractFacts(text: string): Fact[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  return new Doc(text).facts;
}
