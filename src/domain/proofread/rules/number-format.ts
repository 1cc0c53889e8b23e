/** 数字格式: digit after %, misplaced 余, 0 inside Chinese numerals, impossible percentages, missing units. */
import { isChineseNumeralChar, toChineseDigits } from '../../numbers/index.ts';
import { type Doc, isCjk } from '../doc.ts';
import type { Finding, Rule } from '../types.ts';

const CN_DIGIT = '〇一二三四五六七八九十';
/** rates that may exceed 100% */
const GROWTH = /增长|增幅|增加|提高|提升|上升|同比|环比|下降|减少|比上年|较上年|比去年|倍/u;
const RATE_LABEL = /(率|比例|比率|满意度|覆盖面|占比)$/u;
/** words after which a bare number is legitimate (codes, phone lines, scores…) */
const BARE_OK = /(号|码|线|话|编|第|至|到|比|分|版|型|级|期|届|之|页|条|款|项|章|节|度|年|月|日|时)$/u;

export const numberFormat: Rule = {
  id: 'number-format',
  title: '数字格式',
  severity: '一般',
  run(doc: Doc): Finding[] {
    const text = doc.text;
    const out: Finding[] = [];
    let m: RegExpExecArray | null;
    // 1. digit straight after a percent sign: 95.4%5
    const pctDigit = /\d(?:[%％])(\d+)/gu;
    m = pctDigit.exec(text);
    while (m) {
      const s = m.index + 1;
      out.push(
        doc.finding('number-format', '一般', s, s + 1 + (m[1]?.length ?? 0), '百分号后紧跟数字，疑有误', '%'),
      );
      m = pctDigit.exec(text);
    }
    // 2. 余 in the wrong place: 3余万人 → 3万余人; 1165余人 (余 after an exact number)
    const yu = /(?<![\d.])(\d+)余(万|亿|千|百)?/gu;
    m = yu.exec(text);
    while (m) {
      const digits = m[1] ?? '';
      const s = m.index;
      const e = s + m[0].length;
      if (m[2] && !/0$/.test(digits)) {
        out.push(
          doc.finding('number-format', '一般', s, e, `「余」位置不当：「${m[0]}」`, `${digits}${m[2]}余`),
        );
      } else if (!m[2] && digits.length >= 3 && !/0$/.test(digits)) {
        out.push(
          doc.finding(
            'number-format',
            '提示',
            s,
            e,
            `精确数字「${digits}」后不宜加「余」`,
            `${digits} 或 ${digits.slice(0, -1)}0余`,
          ),
        );
      }
      m = yu.exec(text);
    }
    // 3. digit 0 / letter O inside a Chinese numeral: 二0三五年
    for (let i = 0; i < text.length; i++) {
      const c = text[i] ?? '';
      if (c !== '0' && c !== '０' && c !== 'O' && c !== 'o' && c !== 'Ｏ' && c !== 'Ο') continue;
      const prev = text[i - 1] ?? '';
      const next = text[i + 1] ?? '';
      if (!CN_DIGIT.includes(prev) && !CN_DIGIT.includes(next)) continue;
      if (!(isChineseNumeralChar(prev) || isChineseNumeralChar(next))) continue;
      if (/[\dA-Za-z]/.test(prev) || /[\dA-Za-z]/.test(next)) continue;
      // whole numeral for the suggestion
      let s = i;
      while (s > 0 && (CN_DIGIT.includes(text[s - 1] ?? '') || '0０OoＯΟ'.includes(text[s - 1] ?? ''))) s--;
      let e = i + 1;
      while (e < text.length && (CN_DIGIT.includes(text[e] ?? '') || '0０OoＯΟ'.includes(text[e] ?? ''))) e++;
      const numeral = text.slice(s, e);
      if (numeral.length < 2) continue;
      const fixed = numeral.replace(/[0０OoＯΟ]/gu, '〇');
      out.push(
        doc.finding(
          'number-format',
          '一般',
          s,
          e,
          `中文数字中混用了「${c}」`,
          /^[〇一二三四五六七八九]+$/u.test(fixed) ? fixed : fixed.replace(/〇/g, '零'),
        ),
      );
      i = e;
    }
    // 4. percentages above 100 where impossible
    for (const f of doc.facts) {
      if (f.unit !== '%' || f.value <= 100) continue;
      if (GROWTH.test(f.label) || !RATE_LABEL.test(f.label)) continue;
      out.push(
        doc.finding(
          'number-format',
          '一般',
          f.start,
          f.end,
          `「${f.label}」为${f.value}%，超过100%`,
          undefined,
        ),
      );
    }
    // 5. numbers with no unit: 梳理法律风险点35,
    const bare = /(?<![\d.\-—/:：A-Za-z%])(\d+(?:\.\d+)?)(?=[，,。；;、])/gu;
    m = bare.exec(text);
    while (m) {
      const s = m.index;
      const prev = text[s - 1] ?? '';
      const before = text.slice(Math.max(0, s - 4), s);
      if (isCjk(prev) && !BARE_OK.test(before) && !/^(19|20)\d\d$/.test(m[1] ?? '')) {
        out.push(
          doc.finding('number-format', '一般', s, s + (m[1]?.length ?? 0), `数字「${m[1]}」缺少计量单位`),
        );
      }
      m = bare.exec(text);
    }
    return out;
  },
};

export { toChineseDigits };
