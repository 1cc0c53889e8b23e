/**
 * 报告完整性: the required parts of an annual 法治政府建设 report (2019 national rule): results, shortcomings,
 * the 第一责任人 duty, next year's plans. "Other matters" is optional and not required.
 */
import type { Doc } from '../doc.ts';
import type { CheckContext, Finding, Rule } from '../types.ts';

export const DEFAULT_OUTLINE: Array<{ name: string; keywords: string[] }> = [
  {
    name: '上一年度推进法治政府建设的主要举措和成效',
    keywords: [
      '举措',
      '成效',
      '工作开展情况',
      '所做的工作',
      '主要工作',
      '工作情况',
      '主要做法',
      '工作成效',
      '取得的成绩',
    ],
  },
  {
    name: '存在的不足和原因',
    keywords: ['不足', '存在的问题', '存在问题', '主要问题', '差距', '短板', '薄弱'],
  },
  { name: '党政主要负责人履行推进法治建设第一责任人职责情况', keywords: ['第一责任人'] },
  {
    name: '下一年度推进法治政府建设的主要安排',
    keywords: [
      '工作计划',
      '工作打算',
      '工作安排',
      '下一步',
      '下一年度',
      '明年',
      '工作思路',
      '努力方向',
      '主要安排',
      '工作重点',
    ],
  },
];

export const completeness: Rule = {
  id: 'completeness',
  title: '报告完整性',
  severity: '一般',
  run(doc: Doc, ctx: CheckContext): Finding[] {
    const text = doc.text;
    if (text.trim().length < 200) return []; // a fragment, not a report
    const outline = ctx.expectedOutline ?? DEFAULT_OUTLINE;
    const headingText = doc.headings.map((h) => h.text).join('\n');
    const firstLine = doc.lines.find((l) => l.end > l.start);
    const out: Finding[] = [];
    for (const part of outline) {
      // headings first; a keyword that is specific enough (第一责任人) may appear anywhere
      const inHeadings = part.keywords.some((k) => headingText.includes(k));
      const anywhere = part.keywords.some((k) => k.length >= 4 && text.includes(k));
      if (inHeadings || anywhere) continue;
      const s = firstLine?.start ?? 0;
      const e = Math.min(firstLine?.end ?? 0, s + 40);
      out.push(
        doc.finding(
          'completeness',
          '一般',
          s,
          e,
          `报告缺少必备内容：「${part.name}」`,
          `补充「${part.name}」部分`,
        ),
      );
    }
    return out;
  },
};
