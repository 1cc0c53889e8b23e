// Hostile input never reaches the database and never gives 500: control characters, keys that name
// Object.prototype members, repeated and unknown parameters, and malformed dates are refused with 400 and a
// Chinese message naming the field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, DEMO_PASSWORD, engines, signedIn, startTestApp, type TestContext } from '../support/app.ts';
import { multipart, RECONSIDERATION_HEADERS, xlsxFrom } from '../support/xlsx.ts';

interface ErrorBody {
  error: { code: string; message: string; field?: string };
}

const RECORDS = '/api/ledgers/reconsideration/records';
const EXPORT = '/api/ledgers/reconsideration/export.xlsx';

function expectRefused(res: { status: number; body: unknown }, messagePart: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(400);
  const body = res.body as ErrorBody;
  expect(body.error.message).toContain(messagePart);
  expect(body.error.message).toMatch(/[\u4e00-\u9fff]/);
}

describe.each(engines())('有害输入被拒绝 (%s)', (engine) => {
  let t: TestContext;
  let coordinator: Client;
  let justiceId: string;

  beforeAll(async () => {
    t = await startTestApp(engine);
    coordinator = await signedIn(t.app, 'coordinator');
    const units = await coordinator.get<{ items: Array<{ id: string }> }>('/api/units?q=示范县司法局');
    justiceId = units.body.items[0]!.id;
  });
  afterAll(async () => {
    await t.close();
  });

  const record = (values: Record<string, unknown>) => ({
    unitId: justiceId,
    values: { caseNo: '有害-1', applicant: '张三', respondent: '某局', receivedOn: '2024-12-01', ...values },
  });

  describe('控制字符', () => {
    it('refuses a NUL byte in a ledger record field, naming the field, and stores nothing', async () => {
      const res = await coordinator.post(RECORDS, record({ respondent: '某\u0000局' }));
      expectRefused(res, '字段 values.respondent 含有不允许的控制字符');
      const list = await coordinator.get<{ total: number }>(`${RECORDS}?q=${encodeURIComponent('某')}`);
      expect(list.status).toBe(200);
      expect(list.body.total).toBe(0);
    });

    it('refuses other control characters but keeps tab and newlines', async () => {
      for (const ch of ['\u0001', '\u0008', '\u000b', '\u000c', '\u001f', '\u007f']) {
        const res = await coordinator.post(RECORDS, record({ notes: `备注${ch}` }));
        expectRefused(res, '字段 values.notes 含有不允许的控制字符');
      }
      const ok = await coordinator.post(
        RECORDS,
        record({ caseNo: '有害-2', notes: '第一行\r\n第二行\t制表' }),
      );
      expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    });

    it('refuses a NUL byte in q=, in f. filters and in /api/units?q=', async () => {
      expectRefused(await coordinator.get(`${RECORDS}?q=%00`), '字段 q 含有不允许的控制字符');
      expectRefused(
        await coordinator.get(`${RECORDS}?f.respondent=a%00b`),
        '字段 f.respondent 含有不允许的控制字符',
      );
      expectRefused(await coordinator.get('/api/units?q=%00'), '字段 q 含有不允许的控制字符');
      expectRefused(await coordinator.get(`${EXPORT}?q=%00`), '字段 q 含有不允许的控制字符');
    });

    it('refuses a NUL byte in a path parameter', async () => {
      expectRefused(await coordinator.get('/api/units/ab%00cd'), '字段 id 含有不允许的控制字符');
    });

    it('refuses a NUL byte in the login username without signing in (unauthenticated)', async () => {
      const anon = new Client(t.app);
      const res = await anon.post('/api/auth/login', {
        username: 'coordinator\u0000',
        password: DEMO_PASSWORD,
      });
      expectRefused(res, '字段 username 含有不允许的控制字符');
      expect(anon.cookie).toBeNull();
    });

    it('refuses a control character in a multipart text field (the file itself is not scanned)', async () => {
      const file = await xlsxFrom(RECONSIDERATION_HEADERS, []);
      const { body, contentType } = await multipart(file, '复议.xlsx', { unitId: `${justiceId}\u0000` });
      const res = await coordinator.request('POST', '/api/ledgers/reconsideration/import', body, {
        'content-type': contentType,
      });
      expectRefused(res, '字段 unitId 含有不允许的控制字符');
    });

    it('refuses a control character in a key of a JSON body', async () => {
      const res = await coordinator.post(RECORDS, record({ 'respon\u0000dent': 'x' }));
      expectRefused(res, '含有不允许的控制字符');
    });
  });

  describe('按用户给出的名称查找', () => {
    for (const measure of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      it(`refuses measure=${measure} on the records list and the export`, async () => {
        expectRefused(await coordinator.get(`${RECORDS}?measure=${measure}`), '未知的指标度量');
        expectRefused(await coordinator.get(`${EXPORT}?measure=${measure}`), '未知的指标度量');
      });
    }

    it('refuses sort and f. filters that name Object.prototype members', async () => {
      for (const name of ['__proto__', 'constructor', 'toString']) {
        const sort = await coordinator.get(`${RECORDS}?sort=${name}`);
        expect(sort.status, JSON.stringify(sort.body)).toBe(400);
        const filter = await coordinator.get(`${RECORDS}?f.${name}=1`);
        expect(filter.status, JSON.stringify(filter.body)).toBe(400);
        const exported = await coordinator.get(`${EXPORT}?f.${name}=1`);
        expect(exported.status, JSON.stringify(exported.body)).toBe(400);
      }
    });

    it('refuses an f. filter on a field the ledger does not have, on the list and the export', async () => {
      expectRefused(await coordinator.get(`${RECORDS}?f.nosuchfield=1`), 'nosuchfield');
      expectRefused(await coordinator.get(`${EXPORT}?f.nosuchfield=1`), 'nosuchfield');
    });

    it('refuses record values under prototype names', async () => {
      for (const name of ['__proto__', 'constructor', 'toString']) {
        const res = await coordinator.request('POST', RECORDS, JSON.stringify(record({ [name]: 'x' })), {
          'content-type': 'application/json',
        });
        expect(res.status, `${name}: ${JSON.stringify(res.body)}`).toBe(400);
      }
    });
  });

  describe('重复参数与未知参数', () => {
    it('refuses a repeated periodFrom and other repeated parameters', async () => {
      expectRefused(
        await coordinator.get(`${RECORDS}?measure=received&periodFrom=2024-01-01&periodFrom=2024-02-01`),
        '参数 periodFrom 重复',
      );
      expectRefused(await coordinator.get('/api/units?q=a&q=b'), '参数 q 重复');
      expectRefused(
        await coordinator.get(`${RECORDS}?f.respondent=a&f.respondent=b`),
        '参数 f.respondent 重复',
      );
      expectRefused(await coordinator.get(`${EXPORT}?from=2024-01-01&from=2024-02-01`), '参数 from 重复');
    });

    it('refuses unknown query parameters and unknown body keys, naming them', async () => {
      expectRefused(await coordinator.get('/api/units?nosuch=1'), 'nosuch');
      expectRefused(await coordinator.get(`${RECORDS}?nosuch=1`), 'nosuch');
      expectRefused(await coordinator.get(`${EXPORT}?nosuch=1`), 'nosuch');
      expectRefused(await coordinator.get('/api/ledgers?nosuch=1'), 'nosuch');
      const body = { ...record({}), extra: 1 };
      expectRefused(await coordinator.post(RECORDS, body), 'extra');
      const anon = new Client(t.app);
      expectRefused(
        await anon.post('/api/auth/login', { username: 'coordinator', password: DEMO_PASSWORD, admin: true }),
        'admin',
      );
    });
  });

  describe('导出的日期', () => {
    it('refuses export from/to that are not dates', async () => {
      for (const bad of ['abc', '2024-13-01', '2024-02-30', "1'or'1", '20240101']) {
        const q = encodeURIComponent(bad);
        const from = await coordinator.get(`${EXPORT}?from=${q}`);
        expect(from.status, `${bad}: ${JSON.stringify(from.body)}`).toBe(400);
        expect((from.body as unknown as ErrorBody).error.message).toContain('YYYY-MM-DD');
        const to = await coordinator.get(`${EXPORT}?to=${q}`);
        expect(to.status, `${bad}: ${JSON.stringify(to.body)}`).toBe(400);
      }
    });
  });

  describe('正常请求不受影响', () => {
    it('still answers the ordinary requests with 200', async () => {
      const created = await coordinator.post(
        RECORDS,
        record({ caseNo: '正常-1', respondent: '县市场监管局' }),
      );
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const list = await coordinator.get<{ total: number }>(
        `${RECORDS}?q=${encodeURIComponent('市场监管')}&f.respondent=${encodeURIComponent('县市场监管局')}&sort=receivedOn&order=asc&page=1&pageSize=20`,
      );
      expect(list.status, JSON.stringify(list.body)).toBe(200);
      expect(list.body.total).toBe(1);
      const drill = await coordinator.get(
        `${RECORDS}?measure=received&periodFrom=2024-01-01&periodTo=2024-12-31`,
      );
      expect(drill.status, JSON.stringify(drill.body)).toBe(200);
      const exported = await coordinator.get(
        `${EXPORT}?from=2024-01-01&to=2024-12-31&f.respondent=${encodeURIComponent('县市场监管局')}`,
      );
      expect(exported.status).toBe(200);
      expect(String(exported.headers['content-type'])).toContain('spreadsheetml');
      const units = await coordinator.get('/api/units?q=城关镇&type=township&page=1&pageSize=10');
      expect(units.status).toBe(200);
      const me = await coordinator.get('/api/me');
      expect(me.status).toBe(200);
    });
  });
});
