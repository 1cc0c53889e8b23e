/** 个人信息: mobile numbers and ID card numbers published in clear. */
import type { Doc } from '../doc.ts';
import type { Finding, Rule } from '../types.ts';

const MOBILE = /(?<![\d０-９A-Za-z])(?:\+?86[- ]?)?(1[3-9]\d)[- ]?(\d{4})[- ]?(\d{4})(?![\d０-９])/gu;
const ID =
  /(?<![\dA-Za-z])(\d{6})((?:18|19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(\d{3})([\dXx])(?![\dA-Za-z])/gu;
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export function idChecksumOk(id: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(id)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * (WEIGHTS[i] ?? 0);
  return CHECK[sum % 11] === id[17]?.toUpperCase();
}

export const personalData: Rule = {
  id: 'personal-data',
  title: '个人信息未脱敏',
  severity: '严重',
  run(doc: Doc): Finding[] {
    const text = doc.text;
    const out: Finding[] = [];
    ID.lastIndex = 0;
    let m: RegExpExecArray | null = ID.exec(text);
    while (m) {
      const id = m[0];
      const ok = idChecksumOk(id);
      out.push(
        doc.finding(
          'personal-data',
          ok ? '严重' : '一般',
          m.index,
          m.index + id.length,
          ok ? '公开文本中含有未脱敏的身份证号码' : '疑似身份证号码（校验位不符），请核实并脱敏',
          `${id.slice(0, 2)}${'*'.repeat(13)}${id.slice(-3)}`,
        ),
      );
      m = ID.exec(text);
    }
    MOBILE.lastIndex = 0;
    m = MOBILE.exec(text);
    while (m) {
      const s = m.index;
      const e = s + m[0].length;
      if (!out.some((f) => f.start <= s && f.end >= e)) {
        out.push(
          doc.finding('personal-data', '严重', s, e, '公开文本中含有未脱敏的手机号码', `${m[1]}****${m[3]}`),
        );
      }
      m = MOBILE.exec(text);
    }
    return out;
  },
};
