/** `fazhi check FILE [--year YYYY] [--signed YYYY-MM-DD] [--json]`: proofreads a report. */
import type { Command } from 'commander';
import { type CheckContext, check, extractFacts, type Finding } from '../domain/proofread/index.ts';
import { readDocument, UnreadableInputError } from '../modules/proofread/read-document.ts';

export interface CheckOptions {
  file: string;
  year?: string | number;
  signed?: string;
  json?: boolean;
}

export interface CheckResult {
  exitCode: 0 | 1 | 2;
  output: string;
}

function lineCol(text: string, offset: number): [number, number] {
  let line = 1;
  let last = -1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      last = i;
    }
  }
  return [line, offset - last];
}

function formatFinding(text: string, f: Finding): string {
  const [l, c] = lineCol(text, f.start);
  const ex = f.excerpt.length > 40 ? `${f.excerpt.slice(0, 40)}…` : f.excerpt;
  const sug = f.suggestion ? ` → ${f.suggestion}` : '';
  return `${l}:${c} [${f.severity}] ${f.rule} — ${f.message}「${ex.replace(/\n/g, '⏎')}」${sug}`;
}

export async function runCheck(opts: CheckOptions): Promise<CheckResult> {
  const ctx: CheckContext = {};
  if (opts.year !== undefined) {
    const y = Number(opts.year);
    if (!Number.isInteger(y) || y < 1949 || y > 2100)
      return { exitCode: 2, output: `无效的年份：${opts.year}` };
    ctx.year = y;
  }
  if (opts.signed !== undefined) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(opts.signed))
      return { exitCode: 2, output: `无效的落款日期：${opts.signed}（应为 YYYY-MM-DD）` };
    ctx.signedOn = opts.signed;
  }
  let text: string;
  try {
    text = await readDocument(opts.file);
  } catch (e) {
    const msg = e instanceof UnreadableInputError ? e.message : `无法读取文件：${opts.file}`;
    return { exitCode: 2, output: msg };
  }
  if (text.trim().length === 0) {
    if (opts.json) return { exitCode: 0, output: JSON.stringify({ findings: [], facts: [] }) };
    return { exitCode: 0, output: '文件没有文字内容，未发现问题。' };
  }
  const findings = check(text, ctx);
  const facts = extractFacts(text);
  const severe = findings.some((f) => f.severity === '严重');
  if (opts.json) {
    return { exitCode: severe ? 1 : 0, output: JSON.stringify({ findings, facts }, null, 2) };
  }
  const lines = findings.map((f) => formatFinding(text, f));
  const count = (s: string) => findings.filter((f) => f.severity === s).length;
  lines.push(
    findings.length === 0
      ? '未发现问题。'
      : `共 ${findings.length} 处：严重 ${count('严重')}，一般 ${count('一般')}，提示 ${count('提示')}。`,
  );
  return { exitCode: severe ? 1 : 0, output: lines.join('\n') };
}

export function registerCheckCommand(program: Command): void {
  program
    .command('check')
    .description('报告体检：检查法治政府建设年度报告（.txt/.docx/.html）')
    .argument('<file>', '报告文件')
    .option('--year <year>', '报告年度，如 2024')
    .option('--signed <date>', '落款日期，YYYY-MM-DD')
    .option('--json', '输出 JSON：{findings, facts}')
    .action(async (file: string, o: { year?: string; signed?: string; json?: boolean }) => {
      const r = await runCheck({ file, year: o.year, signed: o.signed, json: o.json });
      if (r.exitCode === 2) process.stderr.write(`${r.output}\n`);
      else process.stdout.write(`${r.output}\n`);
      process.exitCode = r.exitCode;
    });
}
