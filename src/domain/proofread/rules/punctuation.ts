/** 标点: doubled or conflicting marks, unmatched brackets/quotes, run-in headings, half-width marks. */
import { type Doc, isCjk } from '../doc.ts';
import type { CheckContext, Finding, Rule } from '../types.ts';

const CLAUSE_MARKS = '，,。；;：:、！？!?';
const OPEN_CLOSE: Array<[string, string]> = [
  ['（', '）'],
  ['(', ')'],
  ['【', '】'],
  ['《', '》'],
  ['“', '”'],
  ['「', '」'],
  ['‘', '’'],
];
const HALF_TO_FULL: Record<string, string> = {
  ',': '，',
  ';': '；',
  ':': '：',
  '?': '？',
  '!': '！',
  '(': '（',
  ')': '）',
};

/** heading phrase ending + verb starting the body, with no mark between: 发挥…作用参与制订 */
const RUN_IN =
  /(作用|局面|水平|能力|机制|体系|格局|环境|成效|质效|根基|防线|屏障|保障|职能|底线|主渠道)(参与|严格|强化|加强|推进|开展|深入|完善|建立|健全|积极|按照|围绕|聚焦|坚持|落实|制定|出台|组织|持续|全面|认真|切实|推动|创新|深化|依法|扎实|进一步|不断)/u;
const LIST_MARKER = /[一二三四五六七八九十]是/gu;

export const punctuation: Rule = {
  id: 'punctuation',
  title: '标点符号',
  severity: '一般',
  run(doc: Doc, ctx: CheckContext): Finding[] {
    const text = doc.text;
    const out: Finding[] = [];
    // 1. doubled / conflicting marks
    for (let i = 0; i + 1 < text.length; i++) {
      const a = text[i] ?? '';
      const b = text[i + 1] ?? '';
      if (!CLAUSE_MARKS.includes(a) || !CLAUSE_MARKS.includes(b)) continue;
      if (
        (a === '?' || a === '？' || a === '!' || a === '！') &&
        (b === '?' || b === '？' || b === '!' || b === '！')
      )
        continue;
      if (a === ':' && b === ':') continue; // :: in code-like text
      const msg = a === b ? `标点「${a}」重复` : `标点「${a}${b}」连用冲突`;
      out.push(doc.finding('punctuation', '一般', i, i + 2, msg, a === b ? a : undefined));
      i++;
    }
    // 2. unmatched brackets and quotes, per paragraph
    for (const line of doc.lines) {
      for (const [o, c] of OPEN_CLOSE) {
        const stack: number[] = [];
        const stray: number[] = [];
        for (let i = line.start; i < line.end; i++) {
          const ch = text[i];
          if (ch === o) stack.push(i);
          else if (ch === c) {
            if (stack.length > 0) stack.pop();
            else stray.push(i);
          }
        }
        for (const i of stack)
          out.push(
            doc.finding('punctuation', '一般', i, i + 1, `「${o}」没有对应的「${c}」`, `补全「${c}」`),
          );
        for (const i of stray)
          out.push(
            doc.finding('punctuation', '一般', i, i + 1, `「${c}」没有对应的「${o}」`, `补全「${o}」`),
          );
      }
    }
    // 3. run-in headings: 一是…作用严格贯彻… with no mark after the heading phrase
    for (const line of doc.lines) {
      const lt = text.slice(line.start, line.end);
      const headingLine = /^\s*(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）])/u.exec(lt);
      const starts: number[] = [];
      if (headingLine) starts.push(headingLine[0].length);
      LIST_MARKER.lastIndex = 0;
      let m: RegExpExecArray | null = LIST_MARKER.exec(lt);
      while (m) {
        const prev = lt[m.index - 1];
        if (
          m.index === 0 ||
          prev === '。' ||
          prev === '；' ||
          prev === ';' ||
          prev === ':' ||
          prev === '：' ||
          /\s/.test(prev ?? '')
        )
          starts.push(m.index + 2);
        m = LIST_MARKER.exec(lt);
      }
      for (const s of starts) {
        let e = s;
        while (e < lt.length && !/[，,。；;：:！!？?]/u.test(lt[e] ?? '')) e++;
        const clause = lt.slice(s, e);
        if (clause.length < 16) continue;
        const r = RUN_IN.exec(clause);
        if (!r || r.index < 5 || clause.length - (r.index + (r[1]?.length ?? 0)) < 6) continue;
        const cut = line.start + s + r.index + (r[1]?.length ?? 0);
        out.push(
          doc.finding(
            'punctuation',
            '一般',
            line.start + s,
            cut + (r[2]?.length ?? 0),
            '小标题与正文之间缺少标点',
            `${text.slice(line.start + s, cut)}。`,
          ),
        );
      }
    }
    // 4. half-width marks in Chinese text
    const style = ctx.houseStyle?.halfWidthPunctuation ?? 'consistent';
    if (style !== 'allow') {
      const half: number[] = [];
      const fullCount = new Map<string, number>();
      const halfCount = new Map<string, number>();
      for (let i = 0; i < text.length; i++) {
        const ch = text[i] ?? '';
        const prev = text[i - 1];
        const next = text[i + 1];
        if (ch === '.' && isCjk(prev) && isCjk(next)) {
          out.push(doc.finding('punctuation', '一般', i, i + 1, '中文句中误用半角句点「.」', '、'));
          continue;
        }
        if (ch in HALF_TO_FULL && (isCjk(prev) || isCjk(next))) {
          half.push(i);
          halfCount.set(ch, (halfCount.get(ch) ?? 0) + 1);
        } else if (Object.values(HALF_TO_FULL).includes(ch)) {
          fullCount.set(ch, (fullCount.get(ch) ?? 0) + 1);
        }
      }
      let emitted = 0;
      for (const i of half) {
        const ch = text[i] ?? '';
        const full = HALF_TO_FULL[ch] ?? ch;
        const h = halfCount.get(ch) ?? 0;
        const f = fullCount.get(full) ?? 0;
        if (style === 'consistent' && !(f > 0 && h < f)) continue;
        if (emitted++ >= 200) break;
        out.push(
          doc.finding(
            'punctuation',
            '提示',
            i,
            i + 1,
            style === 'flag'
              ? `中文文本中使用了半角标点「${ch}」`
              : `半角「${ch}」与全文通用的全角「${full}」不一致`,
            full,
          ),
        );
      }
    }
    return out;
  },
};
