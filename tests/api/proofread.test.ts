import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Document, Packer, Paragraph } from 'docx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indicator } from '../../src/domain/indicators/catalog.ts';
import { type Client, engines, signedIn, startTestApp, type TestContext } from '../support/app.ts';
import { multipart } from '../support/xlsx.ts';

const seeds = join(import.meta.dirname, '../fixtures/reports');

interface Result {
  findings: Array<{
    rule: string;
    title: string;
    message: string;
    severity: string;
    excerpt: string;
    start: number;
    end: number;
    suggestion?: string;
  }>;
  facts: Array<{ metric?: string; metricName?: string; value: number; unit: string; label: string }>;
  summary: Record<string, number>;
}

describe.each(engines())('报告体检接口 (%s)', (engine) => {
  let t: TestContext;
  let c: Client;
  beforeAll(async () => {
    t = await startTestApp(engine);
    c = await signedIn(t.app, 'coordinator');
  });
  afterAll(async () => {
    await t.close();
  });

  it('checks pasted text and returns findings with offsets into it, and facts', async () => {
    const text = readFileSync(join(seeds, 'chenxi-2022.txt'), 'utf8');
    const res = await c.post<Result>('/api/proofread/check', { text, year: 2022 });
    expect(res.status).toBe(200);
    const gambling = res.body.findings.filter((f) => f.rule === 'prohibited');
    expect(gambling).toHaveLength(4);
    for (const f of res.body.findings) expect(text.slice(f.start, f.end)).toBe(f.excerpt);
    expect(res.body.summary.严重).toBe(4);
    expect(res.body.facts.length).toBeGreaterThan(15);
  });

  it('checks an uploaded .docx', async () => {
    const doc = new Document({
      sections: [
        {
          children: [
            new Paragraph('一、主要举措和成效'),
            new Paragraph('全年调解纠纷1928件，调解成功1838件，成功率95.4%。'),
          ],
        },
      ],
    });
    const file = Buffer.from(await Packer.toBuffer(doc));
    const { body, contentType } = await multipart(file, '报告.docx', { year: '2024' });
    const res = await c.request<Result & { text: string }>('POST', '/api/proofread/upload', body, {
      'content-type': contentType,
    });
    expect(res.status).toBe(200);
    expect(res.body.text).toContain('调解成功1838件');
    const rate = res.body.findings.find((f) => f.rule === 'rate-consistency');
    expect(rate?.suggestion).toBe('95.3%');
  });

  it('refuses empty, binary and unreadable input with a clear message', async () => {
    expect((await c.post('/api/proofread/check', { text: '' })).status).toBe(400);
    const bin = await multipart(Buffer.from([0, 1, 2, 3, 255, 254, 0, 0, 7]), 'x.txt');
    const res = await c.request<{ error: { message: string } }>('POST', '/api/proofread/upload', bin.body, {
      'content-type': bin.contentType,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/二进制|无法|编码/);
    const docx = await multipart(Buffer.from('not a zip'), 'x.docx');
    const bad = await c.request<{ error: { message: string } }>('POST', '/api/proofread/upload', docx.body, {
      'content-type': docx.contentType,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('.docx');
  });

  it('applies an administrator’s word-list changes, audited', async () => {
    const text = '欢迎访问开心彩票网。';
    expect(
      (await c.post<Result>('/api/proofread/check', { text })).body.findings.some(
        (f) => f.rule === 'prohibited',
      ),
    ).toBe(false);
    const lists = await c.get<{ version: number; categories: Array<{ id: string }> }>(
      '/api/proofread/wordlists',
    );
    expect(lists.body.categories.map((x) => x.id)).toContain('gambling');
    const put = await c.put('/api/proofread/wordlists', {
      prohibited: { add: [{ word: '开心彩票网', category: 'gambling', always: true }], remove: [] },
      version: lists.body.version,
    });
    expect(put.status).toBe(200);
    const after = await c.post<Result>('/api/proofread/check', { text });
    expect(after.body.findings.find((f) => f.rule === 'prohibited')?.severity).toBe('严重');
    const stale = await c.put('/api/proofread/wordlists', {
      prohibited: { add: [], remove: [] },
      version: lists.body.version,
    });
    expect(stale.status).toBe(409);
    const reporter = await signedIn(t.app, 'town_reporter');
    expect((await reporter.get('/api/proofread/wordlists')).status).toBe(403);
    expect((await reporter.post('/api/proofread/check', { text })).status).toBe(200);
  });

  it('flags a stated figure that differs from the platform’s ledger', async () => {
    const justice = (await c.get<{ items: Array<{ id: string }> }>('/api/units?q=示范县司法局')).body
      .items[0]!.id;
    for (let i = 0; i < 3; i += 1) {
      await c.post('/api/ledgers/reconsideration/records', {
        unitId: justice,
        values: { caseNo: `比对${i}`, applicant: '甲', respondent: '某局', receivedOn: '2024-03-01' },
      });
    }
    const res = await c.post<Result>('/api/proofread/check', {
      text: '全年共办理行政复议案件收案5件。',
      year: 2024,
      compareUnit: '',
    });
    expect(res.status).toBe(200);
    expect(res.body.findings.some((f) => f.rule === 'ledger-mismatch')).toBe(true);
  });

  it('43件/纠错16件/纠错率38.2% against a ledger giving 14÷37: two labelled findings, one fix on the rate', async () => {
    const justice = (await c.get<{ items: Array<{ id: string }> }>('/api/units?q=示范县司法局')).body
      .items[0]!.id;
    for (let i = 0; i < 37; i += 1) {
      const res = await c.post('/api/ledgers/reconsideration/records', {
        unitId: justice,
        values: {
          caseNo: `纠错率比对${i}`,
          applicant: '甲',
          respondent: '某局',
          receivedOn: '2019-03-01',
          acceptedOn: '2019-03-04',
          acceptance: '受理',
          procedure: '普通程序',
          decidedOn: '2019-05-20',
          decision: i < 14 ? '撤销' : '维持',
        },
      });
      expect(res.status).toBe(201);
    }
    const text = '全年办理行政复议案件43件，纠错16件，纠错率为38.2%。';
    const res = await c.post<Result>('/api/proofread/check', { text, year: 2019, compareUnit: '' });
    expect(res.status).toBe(200);
    const onRate = res.body.findings.filter((f) => f.excerpt === '38.2%');
    expect(onRate.map((f) => [f.title, f.suggestion])).toEqual([
      ['比率与数量不符', '37.2%'],
      ['与台账数据不符', undefined],
    ]);
    expect(onRate[1]?.message).toContain('平台台账为37.8%（14÷37）');
    // The counts differ from the ledger too, each with the ledger's figure as its one fix.
    expect(res.body.findings.filter((f) => f.excerpt === '16件').map((f) => [f.title, f.suggestion])).toEqual(
      [['与台账数据不符', '14件']],
    );
    // 对应指标: the indicator's Chinese name, not its id.
    const named = Object.fromEntries(res.body.facts.map((f) => [`${f.value}${f.unit}`, f.metricName]));
    expect(named).toEqual({
      '43件': indicator('reconsideration.cases')?.label,
      '16件': indicator('reconsideration.corrected')?.label,
      '38.2%': indicator('reconsideration.correctionRate')?.label,
    });
    for (const name of Object.values(named)) expect(name).toMatch(/^[\u4e00-\u9fff（）]+$/u);
  });
});
