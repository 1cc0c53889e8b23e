/** 句子重复: the same sentence twice in one document. */
import type { Doc } from '../doc.ts';
import type { Finding, Rule } from '../types.ts';

export const repeatedSentences: Rule = {
  id: 'repeated-sentence',
  title: '句子重复',
  severity: '一般',
  run(doc: Doc): Finding[] {
    const seen = new Map<string, number>();
    const out: Finding[] = [];
    for (const s of doc.sentences) {
      const raw = doc.text.slice(s.start, s.end);
      const key = raw.replace(/[\s，,。；;！!？?、：:“”"'‘’（）()]/gu, '');
      if (key.length < 12) continue;
      const first = seen.get(key);
      if (first === undefined) {
        seen.set(key, s.start);
        continue;
      }
      const lead = raw.length - raw.trimStart().length;
      out.push(
        doc.finding('repeated-sentence', '一般', s.start + lead, s.end, '本句与前文重复', '删除重复的句子'),
      );
    }
    return out;
  },
};
