/** 重复字词: doubled characters, repeated words and phrases, with word boundaries and a whitelist. */
import wl from '../data/duplicate-whitelist.json' with { type: 'json' };
import st from '../data/standard-terms.json' with { type: 'json' };
import { type Doc, isCjk } from '../doc.ts';
import type { Finding, Rule } from '../types.ts';

const WHITELIST: string[] = wl.words;
const BASE_LEXICON = new Set<string>(wl.lexicon);
const TERM_TEXT = st.terms.map((t) => t.term).join('|');
for (const t of st.terms) {
  // only the edges of a term are sure to be words (法治|政府|建设: 治政 is not)
  BASE_LEXICON.add(t.term.slice(0, 2));
  BASE_LEXICON.add(t.term.slice(-2));
}
for (const w of WHITELIST) for (let i = 0; i + 2 <= w.length; i++) BASE_LEXICON.add(w.slice(i, i + 2));

/** whitelist words by the doubled pair they contain */
const BY_PAIR = new Map<string, Array<{ word: string; at: number }>>();
for (const w of WHITELIST) {
  for (let i = 0; i + 1 < w.length; i++) {
    if (w[i] === w[i + 1]) {
      const k = w.slice(i, i + 2);
      const list = BY_PAIR.get(k) ?? [];
      list.push({ word: w, at: i });
      BY_PAIR.set(k, list);
    }
  }
}
const NUMERAL = /[〇一二三四五六七八九十百千万亿两]/u;

function whitelisted(text: string, i: number, pair: string): boolean {
  for (const { word, at } of BY_PAIR.get(pair) ?? []) {
    if (text.startsWith(word, i - at)) return true;
  }
  return false;
}

function docBigrams(text: string): Map<string, number> {
  const m = new Map<string, number>();
  for (let i = 0; i + 1 < text.length; i++) {
    const a = text[i];
    const b = text[i + 1];
    if (isCjk(a) && isCjk(b) && a !== b) {
      const k = `${a}${b}`;
      m.set(k, (m.get(k) ?? 0) + 1);
    }
  }
  return m;
}

export const duplicates: Rule = {
  id: 'duplicate',
  title: '重复字词',
  severity: '一般',
  run(doc: Doc): Finding[] {
    const text = doc.text;
    const out: Finding[] = [];
    const bigrams = docBigrams(text);
    const isWord = (w: string) => BASE_LEXICON.has(w) || (bigrams.get(w) ?? 0) >= 2;
    const quoted = doc.quoted;
    // 1. doubled characters 法治治
    for (let i = 0; i + 1 < text.length; i++) {
      const c = text[i] ?? '';
      if (c !== text[i + 1] || !isCjk(c)) continue;
      if (NUMERAL.test(c)) continue;
      const pair = c + c;
      if (whitelisted(text, i, pair)) continue;
      const prev = text[i - 1] ?? '';
      const next = text[i + 2] ?? '';
      if (BASE_LEXICON.has(prev + c) && BASE_LEXICON.has(c + next)) continue; // 推行|行政, 委员会|会议
      if (BASE_LEXICON.has(pair)) continue; // 常常, 处处
      // evidence of an error: the text without the extra character occurs elsewhere (法治治建设 → 法治建设)
      const single = `${prev}${c}${next}`;
      const elsewhere =
        isCjk(prev) && isCjk(next) && (TERM_TEXT.includes(single) || text.indexOf(single) >= 0);
      const left = isCjk(prev) ? isWord(prev + c) : false;
      const right = isCjk(next) ? isWord(c + next) : false;
      if (!elsewhere && (left || right)) continue;
      if (text[i + 2] === c) continue; // 哈哈哈: leave to style
      out.push(doc.finding('duplicate', '一般', i, i + 2, `疑似重复用字「${pair}」`, c));
    }
    // 2. immediately repeated words and phrases 工作工作, 法治政府法治政府
    for (let len = 4; len >= 2; len--) {
      for (let i = 0; i + 2 * len <= text.length; i++) {
        const w = text.slice(i, i + len);
        if (![...w].every(isCjk)) continue;
        if (text.slice(i + len, i + 2 * len) !== w) continue;
        if (w[0] === w[1] && len === 2) continue; // AABB handled above
        if (WHITELIST.some((x) => x.includes(w + w))) continue;
        if (out.some((f) => f.start <= i && f.end >= i + 2 * len)) continue;
        out.push(doc.finding('duplicate', '一般', i, i + 2 * len, `词语「${w}」重复`, w));
      }
    }
    // 3. a phrase followed by its own shortened repeat: 维权接待窗口维权窗口
    for (let k = 3; k < text.length; k++) {
      if (quoted[k] === 1) continue;
      for (let L = 3; L <= 6; L++) {
        const p = text.slice(k, k + L);
        if (p.length !== L || ![...p].every(isCjk) || NUMERAL.test(p)) continue;
        let hit = -1;
        for (let M = L + 1; M <= L + 4 && k - M >= 0; M++) {
          const sp = text.slice(k - M, k);
          if (![...sp].every(isCjk)) break;
          if (sp[0] !== p[0] || sp.slice(-2) !== p.slice(-2)) continue;
          let x = 0;
          for (const ch of sp) if (ch === p[x]) x++;
          if (x === L) {
            hit = k - M;
            break;
          }
        }
        if (hit < 0) continue;
        if (out.some((f) => f.start < k + L && f.end > hit)) continue;
        out.push(
          doc.finding(
            'duplicate',
            '一般',
            hit,
            k + L,
            `短语重复：「${text.slice(hit, k)}」后又出现「${p}」`,
            text.slice(hit, k),
          ),
        );
        break;
      }
    }
    return out;
  },
};
