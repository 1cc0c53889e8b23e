/**
 * 序号: 一是、二是、三是… in sequence within a paragraph (a broken marker 三法治督察, a gap, a repeat), and
 * the section headings 一、 （一） 1. in sequence through the document.
 */
import { parseChineseNumeral } from '../../numbers/index.ts';
import type { Doc, Heading } from '../doc.ts';
import type { Finding, Rule } from '../types.ts';

const MARKER = /(^|[。；;：:！!？?\s])([一二三四五六七八九十]+)是/gu;
const CN = '一二三四五六七八九十';
/** a numeral followed by these is a quantity, not a list marker */
const NOT_MARKER = '是个项条次年月日大方名位家种类级所批轮期天周部届季点成倍份件十';

/** 1 → 一, 12 → 十二, 20 → 二十: the way headings are numbered. */
function chineseOrdinal(n: number): string {
  if (n <= 10) return CN[n - 1] ?? String(n);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens > 1 ? (CN[tens - 1] ?? '') : ''}十${ones ? (CN[ones - 1] ?? '') : ''}`;
}

interface HeadingMarker {
  n: number;
  /** offsets of the marker itself, e.g. 「（三）」 */
  start: number;
  end: number;
  /** the marker written for another number in the same style: （ and ） kept as the author wrote them */
  as(n: number): string;
}

const HEADING_MARKER =
  /^\s*(?:([一二三四五六七八九十]+)、|([(（])([一二三四五六七八九十]+)([)）])|(\d{1,2})([.．、]))/u;

function markerOf(doc: Doc, h: Heading): HeadingMarker | undefined {
  const m = HEADING_MARKER.exec(doc.text.slice(h.start, h.end));
  if (!m) return undefined;
  const lead = m[0].length - m[0].trimStart().length;
  const start = h.start + lead;
  const end = h.start + m[0].length;
  if (m[1]) {
    const n = parseChineseNumeral(m[1]);
    return n === undefined ? undefined : { n, start, end, as: (k) => `${chineseOrdinal(k)}、` };
  }
  if (m[3]) {
    const n = parseChineseNumeral(m[3]);
    const [open, close] = [m[2] ?? '（', m[4] ?? '）'];
    return n === undefined ? undefined : { n, start, end, as: (k) => `${open}${chineseOrdinal(k)}${close}` };
  }
  const sep = m[6] ?? '.';
  return { n: Number(m[5]), start, end, as: (k) => `${k}${sep}` };
}

/**
 * 一、→三、 or （一）→（三）: each heading level counts on from the previous heading of that level; a
 * higher heading starts its sub-levels afresh. The first heading of a run is taken as written (an excerpt
 * may start at 二、, a report may number （一）…（八） straight through), so only later breaks are flagged.
 */
function headingGaps(doc: Doc): Finding[] {
  const out: Finding[] = [];
  const last = new Map<number, number>();
  for (const h of doc.headings) {
    const marker = markerOf(doc, h);
    if (!marker) continue;
    for (const level of [...last.keys()]) if (level > h.level) last.delete(level);
    const prev = last.get(h.level);
    last.set(h.level, marker.n);
    if (prev === undefined || marker.n === prev + 1) continue;
    const written = doc.text.slice(marker.start, marker.end);
    const expected = marker.as(prev + 1);
    const message =
      marker.n > prev + 1
        ? `标题序号不连续：「${marker.as(prev)}」之后是「${written}」，缺少「${expected}」`
        : `标题序号重复或倒序：「${marker.as(prev)}」之后应为「${expected}」`;
    out.push(doc.finding('list-sequence', '一般', marker.start, marker.end, message, expected));
  }
  return out;
}

export const listSequence: Rule = {
  id: 'list-sequence',
  title: '序号不连续',
  severity: '一般',
  run(doc: Doc): Finding[] {
    const text = doc.text;
    const out: Finding[] = headingGaps(doc);
    for (const line of doc.lines) {
      const lt = text.slice(line.start, line.end);
      const found: Array<{ n: number; at: number }> = [];
      MARKER.lastIndex = 0;
      let m: RegExpExecArray | null = MARKER.exec(lt);
      while (m) {
        const n = parseChineseNumeral(m[2] ?? '');
        if (n !== undefined) found.push({ n, at: m.index + (m[1]?.length ?? 0) });
        m = MARKER.exec(lt);
      }
      if (found.length < 2 || found[0]?.n !== 1) continue;
      let expect = 1;
      for (let k = 0; k < found.length; k++) {
        const f = found[k];
        if (!f) continue;
        if (f.n === 1 && k > 0) {
          expect = 2; // a new list in the same paragraph
          continue;
        }
        if (f.n === expect) {
          expect++;
          continue;
        }
        if (f.n > expect) {
          // the expected marker may be present but broken: 三法治督察 (no 是)
          const prev = found[k - 1]?.at ?? 0;
          const want = CN[expect - 1] ?? '';
          const seg = lt.slice(prev, f.at);
          const broken = new RegExp(
            `[。；;：:]\\s*(${want})(?![${NOT_MARKER}])[\\u4e00-\\u9fff]{2}`,
            'u',
          ).exec(seg);
          if (broken) {
            const s = line.start + prev + broken.index + broken[0].indexOf(want);
            out.push(
              doc.finding(
                'list-sequence',
                '一般',
                s,
                s + 1 + 2,
                `序号「${want}」后缺少「是」，与前文「一是、二是」不一致`,
                `${want}是${text.slice(s + 1, s + 3)}`,
              ),
            );
          } else {
            const s = line.start + f.at;
            out.push(
              doc.finding('list-sequence', '一般', s, s + 2, `序号不连续：缺少「${want}是」`, `${want}是`),
            );
          }
          expect = f.n + 1;
          continue;
        }
        const s = line.start + f.at;
        out.push(
          doc.finding(
            'list-sequence',
            '一般',
            s,
            s + 2,
            `序号重复或倒序：此处应为「${CN[expect - 1] ?? ''}是」`,
            `${CN[expect - 1] ?? ''}是`,
          ),
        );
        expect = f.n + 1;
      }
      // the list ends at 二是 but a broken 三 follows in the same paragraph: 二是…。三法治督察
      const last = found[found.length - 1];
      if (last && last.n === expect - 1) {
        const want = CN[expect - 1] ?? '';
        const seg = lt.slice(last.at);
        const broken = new RegExp(`[。；;]\\s*(${want})(?![${NOT_MARKER}])[\\u4e00-\\u9fff]{2}`, 'u').exec(
          seg,
        );
        if (broken && want) {
          const s = line.start + last.at + broken.index + broken[0].indexOf(want);
          out.push(
            doc.finding(
              'list-sequence',
              '一般',
              s,
              s + 3,
              `序号「${want}」后缺少「是」，与前文「一是、二是」不一致`,
              `${want}是${text.slice(s + 1, s + 3)}`,
            ),
          );
        }
      }
    }
    return out;
  },
};
