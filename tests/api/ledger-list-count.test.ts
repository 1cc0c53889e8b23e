// A list whose filter matches more than 10,000 records (a province-wide view) answers with a capped
// count, says so, and still pages; the export is not cut at the cap.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, engines, signedIn, startTestApp, type TestContext } from '../support/app.ts';
import {
  multipart,
  RECONSIDERATION_HEADERS,
  readXlsx,
  reconsiderationRows,
  xlsxFrom,
} from '../support/xlsx.ts';

interface ListPage {
  total: number;
  totalExact: boolean;
  items: Array<{ values: Record<string, unknown> }>;
}

describe.each(engines())('台账列表计数上限 (%s)', (engine) => {
  let t: TestContext;
  let coordinator: Client;

  beforeAll(async () => {
    t = await startTestApp(engine);
    coordinator = await signedIn(t.app, 'coordinator');
    const units = await coordinator.get<{ items: Array<{ id: string }> }>('/api/units?q=示范县司法局');
    const file = await xlsxFrom(RECONSIDERATION_HEADERS, reconsiderationRows(2024, 10_050, 50));
    const { body, contentType } = await multipart(file, '复议.xlsx', { unitId: units.body.items[0]!.id });
    const res = await coordinator.request<{ created: number }>(
      'POST',
      '/api/ledgers/reconsideration/import',
      body,
      {
        'content-type': contentType,
      },
    );
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(200);
    expect(res.body.created).toBe(10_050);
  }, 120_000);
  afterAll(async () => {
    await t.close();
  });

  it('caps the count at 10,000 and marks it inexact', async () => {
    const res = await coordinator.get<ListPage>('/api/ledgers/reconsideration/records?pageSize=20');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: 10_000, totalExact: false });
    expect(res.body.items).toHaveLength(20);
    const last = await coordinator.get<ListPage>(
      '/api/ledgers/reconsideration/records?pageSize=100&page=101',
    );
    expect(last.body.items).toHaveLength(50);
  });

  it('counts exactly below the cap', async () => {
    const res = await coordinator.get<ListPage>('/api/ledgers/reconsideration/records?f.decision=撤销');
    expect(res.body).toMatchObject({ total: 50, totalExact: true });
  });

  it('exports every matching record, past the cap', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/ledgers/reconsideration/export.xlsx',
      headers: { cookie: coordinator.cookie! },
    });
    expect(res.statusCode).toBe(200);
    const ws = (await readXlsx(res.rawPayload)).getWorksheet('数据')!;
    expect(ws.rowCount - 1).toBe(10_050);
  }, 60_000);
});
