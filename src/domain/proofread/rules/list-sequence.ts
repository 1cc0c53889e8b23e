/** 序号: 一是、二是、三是… in sequence within a paragraph; a broken marker (三法治督察) or a gap. */
import { parseChineseNumeral } from '../../numbers/index.ts';
import type { Doc } from '../doc.ts';
import type { Finding, Rule } from '../types.ts';

const MARKER = /(^|[。；;：:！!？?\s])([一二三四五六七八九十]+)是/gu;
const CN = '一二三四五六七八九十';
/** a numeral followed by these is a quantity, not a list marker */
const NOT_MARKER = '是个项条次年月日大方名位家种类级所批轮期天周部届季点成倍份件十';

export const listSequence: Rule = {
  id: 'list-sequence',
  title: '序号不连续',
  severity: '一般',
  run(doc: Doc): Finding[] {
    const text = doc.text;
    const out: Finding[] = [];
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
