// Real .xlsx files for import tests, written with ExcelJS, and multipart bodies for app.inject.
import ExcelJS from 'exceljs';

export async function xlsxFrom(
  headers: string[],
  rows: unknown[][],
  opts: { sheet?: string; mergeHeader?: boolean; formulaAt?: [number, number] } = {},
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(opts.sheet ?? '数据');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  if (opts.mergeHeader) ws.mergeCells('A1:B1');
  if (opts.formulaAt) ws.getCell(opts.formulaAt[0], opts.formulaAt[1]).value = { formula: '1+1', result: 2 };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function readXlsx(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  return wb;
}

export async function multipart(
  file: Buffer,
  fileName: string,
  fields: Record<string, string> = {},
): Promise<{ body: Buffer; contentType: string }> {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  fd.append('file', new Blob([new Uint8Array(file)]), fileName);
  const res = new Response(fd);
  return { body: Buffer.from(await res.arrayBuffer()), contentType: res.headers.get('content-type')! };
}

export const RECONSIDERATION_HEADERS = [
  '案号*',
  '申请人*',
  '被申请人*',
  '行政行为类别',
  '收案日期*',
  '受理情况',
  '受理日期',
  '审理程序',
  '审结日期',
  '决定类型',
];

/** `concluded` concluded cases of which `corrected` were corrected (撤销), all in `year`. */
export function reconsiderationRows(
  year: number,
  concluded: number,
  corrected: number,
  prefix = 'T',
): unknown[][] {
  const rows: unknown[][] = [];
  for (let i = 0; i < concluded; i += 1) {
    const month = String((i % 9) + 1).padStart(2, '0');
    rows.push([
      `示复〔${year}〕${prefix}${i + 1}号`,
      `申请人${i}`,
      '示范县市场监督管理局',
      '行政处罚',
      `${year}-${month}-03`,
      '受理',
      `${year}-${month}-06`,
      '普通程序',
      `${year}-${month}-25`,
      i < corrected ? '撤销' : '维持',
    ]);
  }
  return rows;
}
