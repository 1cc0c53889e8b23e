// The import's sheet as plain data, read with ExcelJS inside the parse worker (parse-worker.ts): the
// workbook's object model never reaches the server's own heap, only the cells the import reads.
import ExcelJS from 'exceljs';
import { corruptFile, UploadRejected } from './errors.ts';

export interface SheetCell {
  col: number;
  /** What the import validates: dates as YYYY-MM-DD, rich text and hyperlinks as their text. */
  value: unknown;
  /** What an error report shows. */
  text: string;
  formula: boolean;
}

export interface SheetRow {
  number: number;
  cells: SheetCell[];
}

export interface ImportSheet {
  /** A merged cell in the header row (a header the import cannot map to columns). */
  headerMerged: boolean;
  header: SheetCell[];
  /** The rows after the header that have any value, in order. */
  rows: SheetRow[];
}

export function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('error' in v) return String(v.error);
  }
  return String(v);
}

/** Excel stores dates as serial days; ExcelJS gives Date objects at UTC midnight for date cells. */
function cellValue(v: ExcelJS.CellValue): unknown {
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (v && typeof v === 'object' && 'richText' in v) return v.richText.map((t) => t.text).join('');
  if (v && typeof v === 'object' && 'text' in v) return v.text;
  return v;
}

function plainCells(row: ExcelJS.Row): SheetCell[] {
  const cells: SheetCell[] = [];
  row.eachCell({ includeEmpty: false }, (cell, col) => {
    const formula = cell.type === ExcelJS.ValueType.Formula;
    cells.push({ col, value: formula ? null : cellValue(cell.value), text: cellText(cell.value), formula });
  });
  return cells;
}

/** The sheet named 数据 (the template's), else the first visible one. */
export async function readImportSheet(data: Uint8Array): Promise<ImportSheet> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    throw corruptFile('.xlsx');
  }
  const ws = wb.getWorksheet('数据') ?? wb.worksheets.find((w) => w.state !== 'hidden');
  if (!ws) throw new UploadRejected(400, '文件中没有工作表');
  const headerRow = ws.getRow(1);
  let headerMerged = false;
  headerRow.eachCell({ includeEmpty: false }, (cell) => {
    if (cell.isMerged) headerMerged = true;
  });
  const rows: SheetRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, number) => {
    if (number > 1) rows.push({ number, cells: plainCells(row) });
  });
  return { headerMerged, header: plainCells(headerRow), rows };
}
