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
  return out
    .filter((f) => {
      const k = `${f.rule}:${f.start}:${f.end}:${f.message}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    })
    .sort((a, b) => a.start - b.start || ORDER[a.severity] - ORDER[b.severity] || a.end - b.end);
}

/** Every quantity the text states, with its phrase and, where known, a ledger metric id. */
export function extractFacts(text: string): Fact[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  return new Doc(text).facts;
}
