import { Document, Packer, Paragraph } from 'docx';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RECONSIDERATION_HEADERS, reconsiderationRows, xlsxFrom } from '../../../tests/support/xlsx.ts';
import {
  corruptFiles,
  hugeDocx,
  hugeSharedStringXlsx,
  manyParagraphsDocx,
  manyRowsXlsx,
  zipOf,
} from '../../../tests/support/zip-bombs.ts';
import { UploadRejected } from './errors.ts';
import { inspectArchive, tokenScanner } from './safe-archive.ts';

async function refusal(p: Promise<unknown>): Promise<UploadRejected> {
  try {
    await p;
  } catch (e) {
    if (e instanceof UploadRejected) return e;
    throw e;
  }
  throw new Error('expected the archive to be refused');
}

describe('archive guard', { timeout: 60_000 }, () => {
  it('lets real documents and workbooks through', async () => {
    const doc = new Document({ sections: [{ children: [new Paragraph('一、主要举措和成效')] }] });
    await expect(inspectArchive(Buffer.from(await Packer.toBuffer(doc)), 'docx')).resolves.toBeUndefined();
    const xlsx = await xlsxFrom(RECONSIDERATION_HEADERS, reconsiderationRows(2022, 300, 10, 'G'));
    await expect(inspectArchive(xlsx, 'xlsx')).resolves.toBeUndefined();
  });

  it('refuses a document that inflates to 400 MB, by the bytes that come out, not the size it declares', async () => {
    for (const declaredSize of [undefined, 1000]) {
      const e = await refusal(inspectArchive(await hugeDocx(400, declaredSize), 'docx'));
      expect(e.status).toBe(413);
      expect(e.message).toMatch(/解压后超过 64 MB，已拒绝/);
    }
  });

  it('refuses 8 million paragraphs within the byte limits by counting paragraphs', async () => {
    const e = await refusal(inspectArchive(await manyParagraphsDocx(8_000_000), 'docx'));
    expect(e.status).toBe(413);
    expect(e.message).toContain('文档超过 10 万个段落');
  });

  it('counts paragraphs and rows in a main part kept outside word/ and xl/worksheets/', async () => {
    const paragraphs = await zipOf([
      { name: 'elsewhere/main.xml', parts: () => [Buffer.from('<w:p/>'.repeat(200_000))] },
    ]);
    expect((await refusal(inspectArchive(paragraphs, 'docx'))).message).toContain('段落');
    const rows = await zipOf([
      {
        name: 'sheets/data.xml',
        parts: () => [Buffer.from('<row><c t="inlineStr"><is><t>x</t></is></c></row>'.repeat(30_000))],
      },
    ]);
    expect((await refusal(inspectArchive(rows, 'xlsx'))).message).toContain('单次最多导入 20000 行');
  });

  it('refuses a huge shared string, 100,000 rows and a merge over a whole sheet', async () => {
    const strings = await refusal(inspectArchive(await hugeSharedStringXlsx(100), 'xlsx'));
    expect(strings.status).toBe(413);
    expect(strings.message).toContain('文字解压后超过 32 MB');
    const rows = await refusal(inspectArchive(await manyRowsXlsx(100_000), 'xlsx'));
    expect(rows.status).toBe(400);
    expect(rows.message).toContain('单次最多导入 20000 行');
    const merged = await zipOf([
      {
        name: 'xl/worksheets/sheet1.xml',
        parts: () => [
          Buffer.from(
            '<worksheet><sheetData/><mergeCells><mergeCell ref="A2:XFD1048576"/></mergeCells></worksheet>',
          ),
        ],
      },
    ]);
    const cells = await refusal(inspectArchive(merged, 'xlsx'));
    expect(cells.status).toBe(413);
    expect(cells.message).toContain('单元格');
  });

  it('allows exactly the row limit plus a header, and not one row more', async () => {
    await expect(inspectArchive(await manyRowsXlsx(20_001), 'xlsx')).resolves.toBeUndefined();
    expect((await refusal(inspectArchive(await manyRowsXlsx(20_002), 'xlsx'))).status).toBe(400);
  });

  it('turns a broken archive into a Chinese message', async () => {
    const { garbage, truncated } = await corruptFiles();
    for (const file of [garbage, truncated, Buffer.from('PK'), Buffer.alloc(0)]) {
      const e = await refusal(inspectArchive(file, 'xlsx'));
      expect(e.status).toBe(400);
      expect(e.message).toContain('文件已损坏或不是有效的 .xlsx 文件');
    }
  });

  it('counts each tag once however the stream is cut into chunks', () => {
    const pieces = [
      '<w:p>',
      '<w:p ',
      '<w:p/>',
      '<w:pPr>',
      '</w:p>',
      'text',
      '<',
      'w:p',
      '>',
      '<p>',
      '<a:p>',
      '法治',
    ];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...pieces), { maxLength: 60 }),
        fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 30 }),
        (parts, cuts) => {
          const whole = Buffer.from(parts.join(''));
          const pattern = /<(?:[A-Za-z_][\w.-]{0,31}:)?(p)[\s>/]/g;
          const expected = whole.toString('latin1').match(pattern)?.length ?? 0;
          let seen = 0;
          const scan = tokenScanner(new RegExp(pattern), () => {
            seen += 1;
          });
          let at = 0;
          for (let i = 0; at < whole.length; i += 1) {
            const size = cuts[i % cuts.length]!;
            scan(whole.subarray(at, at + size));
            at += size;
          }
          expect(seen).toBe(expected);
        },
      ),
      { numRuns: 500 },
    );
  });
});
