/**
 * Text normalisation for matching word lists: full-width → half-width ASCII, removal of spaces and
 * zero-width characters, traditional → simplified (per character), lower case. Keeps a map from each
 * normalised index back to the original offset so that findings point at the original text.
 */
import { Converter } from 'opencc-js/t2cn';

const t2s = Converter({ from: 't', to: 'cn' });
const cache = new Map<string, string>();

/** Characters that OpenCC converts but which are also standard in simplified text. */
const KEEP = new Set(['乾', '夥', '著', '藉', '瞭', '覆', '鍾', '甚', '麽', '於', '徵', '餘']);

export function toSimplifiedChar(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  if (code < 0x3400) return ch;
  let r = cache.get(ch);
  if (r === undefined) {
    r = t2s(ch);
    if (r.length !== ch.length) r = ch;
    cache.set(ch, r);
  }
  return r;
}

/** Traditional form that differs from its simplified form (excluding forms also used in simplified text). */
export function isTraditionalOnly(ch: string): boolean {
  if (KEEP.has(ch)) return false;
  return toSimplifiedChar(ch) !== ch;
}

const IGNORABLE = /[\s\u00a0\u200b-\u200f\u2028-\u202f\u2060-\u206f\ufeff\u3000\u00ad]/u;

export interface Normalized {
  text: string;
  /** map[i] = offset in the original text of normalised char i; map[text.length] = original length */
  map: number[];
}

export function normalize(input: string, options: { simplify?: boolean } = {}): Normalized {
  const simplify = options.simplify ?? true;
  let out = '';
  const map: number[] = [];
  for (let i = 0; i < input.length; i++) {
    let ch = input[i] ?? '';
    const code = ch.charCodeAt(0);
    if (IGNORABLE.test(ch)) continue;
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < input.length) {
      // astral character: keep as is (two code units)
      out += ch + (input[i + 1] ?? '');
      map.push(i, i + 1);
      i++;
      continue;
    }
    if (code >= 0xff01 && code <= 0xff5e) ch = String.fromCharCode(code - 0xfee0);
    else if (simplify) ch = toSimplifiedChar(ch);
    ch = ch.toLowerCase();
    out += ch;
    map.push(i);
  }
  map.push(input.length);
  return { text: out, map };
}

/** Maps a normalised [start, end) range to original offsets. */
export function mapRange(n: Normalized, start: number, end: number): [number, number] {
  const s = n.map[start] ?? 0;
  const lastChar = n.map[end - 1];
  const e = lastChar === undefined ? s : lastChar + 1;
  return [s, Math.max(s, e)];
}
