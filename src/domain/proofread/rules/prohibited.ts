/** 违禁内容: gambling, pornography, fraud, reactionary and violent phrases, matched after normalisation. */
import data from '../data/prohibited.json' with { type: 'json' };
import type { Doc } from '../doc.ts';
import { mapRange, normalize } from '../normalize.ts';
import type { CheckContext, Finding, Rule } from '../types.ts';

interface Entry {
  word: string;
  norm: string;
  category: string;
  label: string;
  always: boolean;
}

const ENTRIES: Entry[] = [];
for (const [category, c] of Object.entries(data.categories)) {
  for (const w of c.words as Array<{ w: string; always?: boolean }>) {
    const norm = normalize(w.w).text;
    if (norm.length > 0)
      ENTRIES.push({ word: w.w, norm, category, label: c.label, always: w.always === true });
  }
}
/** The shipped list adjusted by an administrator's additions and removals (stored by the platform). */
function entriesFor(ctx: CheckContext): Entry[] {
  const lists = ctx.wordLists?.prohibited;
  if (!lists) return ENTRIES;
  const removed = new Set((lists.remove ?? []).map((w) => normalize(w).text));
  const added = (lists.add ?? []).flatMap((a) => {
    const norm = normalize(a.word).text;
    const label = (data.categories as Record<string, { label: string }>)[a.category]?.label ?? a.category;
    return norm ? [{ word: a.word, norm, category: a.category, label, always: a.always === true }] : [];
  });
  return [...ENTRIES.filter((e) => !removed.has(e.norm)), ...added];
}

export const PROHIBITED_CATEGORIES: Array<{ id: string; label: string }> = Object.entries(
  data.categories,
).map(([id, c]) => ({
  id,
  label: c.label,
}));

export const PROHIBITED_VERSION: string = data.version;

const EXEMPT = new RegExp(`(?:${data.exemptContext.join('|')})`, 'u');

export const prohibited: Rule = {
  id: 'prohibited',
  title: '违禁内容',
  severity: '严重',
  run(doc: Doc, ctx: CheckContext): Finding[] {
    const n = doc.normalized;
    const out: Finding[] = [];
    for (const e of entriesFor(ctx)) {
      let i = n.text.indexOf(e.norm);
      while (i >= 0) {
        const [s, t] = mapRange(n, i, i + e.norm.length);
        const before = doc.text.slice(Math.max(0, s - 10), s);
        const line = doc.lineAt(s);
        const clauseStart = Math.max(line?.start ?? 0, s - 10);
        const ctx = doc.text.slice(clauseStart, s);
        if (e.always || !EXEMPT.test(ctx.length > 0 ? ctx : before)) {
          out.push(
            doc.finding(
              'prohibited',
              '严重',
              s,
              t,
              `含有违禁内容（${e.label}类词语「${e.word}」），网站发布将被一票否决`,
              '删除该内容并核查网站是否被篡改',
            ),
          );
        }
        i = n.text.indexOf(e.norm, i + e.norm.length);
      }
    }
    // a longer entry (娱乐老虎机) covers a shorter one (老虎机) at the same place
    return out.filter(
      (f) =>
        !out.some(
          (g) => g !== f && g.start <= f.start && g.end >= f.end && g.end - g.start > f.end - f.start,
        ),
    );
  },
};
