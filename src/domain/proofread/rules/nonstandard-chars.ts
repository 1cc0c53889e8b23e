/** 非规范字: Japanese forms, kana and traditional characters inside simplified text. */
import variants from '../data/char-variants.json' with { type: 'json' };
import { type Doc, isCjk } from '../doc.ts';
import { isTraditionalOnly, toSimplifiedChar } from '../normalize.ts';
import type { Finding, Rule } from '../types.ts';

const JP: Record<string, string> = variants.map;

export const nonstandardChars: Rule = {
  id: 'nonstandard-char',
  title: '非规范字',
  severity: '一般',
  run(doc: Doc): Finding[] {
    const text = doc.text;
    const out: Finding[] = [];
    let cjk = 0;
    let trad = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text[i] ?? '';
      if (!isCjk(c)) continue;
      cjk++;
      if (isTraditionalOnly(c)) trad++;
    }
    // a document written in traditional characters is not checked for them
    const traditionalDoc = cjk > 0 && trad / cjk > 0.2;
    for (let i = 0; i < text.length; i++) {
      const c = text[i] ?? '';
      const code = c.charCodeAt(0);
      if (code >= 0x3041 && code <= 0x30fa) {
        let e = i + 1;
        while (e < text.length && text.charCodeAt(e) >= 0x3041 && text.charCodeAt(e) <= 0x30fc) e++;
        out.push(doc.finding('nonstandard-char', '一般', i, e, '中文文本中出现日文假名'));
        i = e - 1;
        continue;
      }
      if (!isCjk(c)) continue;
      const jp = JP[c];
      if (jp) {
        out.push(
          doc.finding(
            'nonstandard-char',
            '一般',
            i,
            i + 1,
            `「${c}」是日文字形，应使用规范汉字「${jp}」`,
            jp,
          ),
        );
        continue;
      }
      if (!traditionalDoc && isTraditionalOnly(c)) {
        const s = toSimplifiedChar(c);
        out.push(doc.finding('nonstandard-char', '一般', i, i + 1, `简体文本中出现繁体字「${c}」`, s));
      }
    }
    return out;
  },
};
