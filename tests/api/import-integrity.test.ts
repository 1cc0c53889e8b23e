// Import and record writes keep to the writer's scope and keep the figures right: a 本人 user cannot
// overwrite a colleague's record through the import, a key repeated once the row defaults apply is
// caught, and racing creates of one key end in one record and conflicts (never 500, never drift).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyRollups } from '../../src/modules/ledgers/rollup-verify.ts';
import { type Client, engines, signedIn, startTestApp, type TestContext } from '../support/app.ts';
import { signedInWithRole } from '../support/custom-role.ts';
import { multipart, RECONSIDERATION_HEADERS, xlsxFrom } from '../support/xlsx.ts';

interface ImportAnswer {
  created?: number;
  updated?: number;
  error?: { code: string; message: string };
  errors?: Array<{ row: number; column: string; value: string; reason: string }>;
}

interface RecordBody {
  id: string;
  version: number;
  values: Record<string, unknown>;
  error?: { code: string; message: string };
}

const HEADERS = [...RECONSIDERATION_HEADERS, '填报单位'];

/** One 行政复议 row in template column order, with 填报单位 last (blank: the importer's unit). */
function row(caseNo: string, applicant: string, month: string, decided: boolean, unitName = ''): unknown[] {
  return [
    caseNo,
    applicant,
    '示范县市场监督管理局',
    '行政处罚',
    `2025-${month}-03`,
    '受理',
    `2025-${month}-06`,
    '普通程序',
    decided ? `2025-${month}-25` : null,
    decided ? '撤销' : null,
    unitName,
  ];
}

const values = (caseNo: string, applicant = '张三') => ({
  caseNo,
  applicant,
  respondent: '示范县市场监督管理局',
  receivedOn: '2025-03-03',
});

describe.each(engines())('导入与录入的完整性 (%s)', { timeout: 120_000 }, (engine) => {
  let t: TestContext;
  let reporter: Client;
  let coordinator: Client;
  let selfUser: Client;
  let unit: { id: string; name: string };

  const upload = async (c: Client, rows: unknown[][]) => {
    const { body, contentType } = await multipart(await xlsxFrom(HEADERS, rows), '导入.xlsx');
    return c.request<ImportAnswer>('POST', '/api/ledgers/reconsideration/import', body, {
      'content-type': contentType,
    });
  };
  const expectConsistent = async () => {
    const { differences } = await verifyRollups(t.database);
    expect(differences).toEqual([]);
  };
  const byCaseNo = async (caseNo: string) => {
    const res = await coordinator.get<{ items: RecordBody[] }>(
      `/api/ledgers/reconsideration/records?q=${encodeURIComponent(caseNo)}&pageSize=50`,
    );
    return res.body.items.filter((r) => r.values.caseNo === caseNo);
  };

  beforeAll(async () => {
    t = await startTestApp(engine, { listen: true });
    reporter = await signedIn(t.app, 'town_reporter');
    coordinator = await signedIn(t.app, 'coordinator');
    const me = await reporter.get<{ unit: { id: string; name: string } }>('/api/me');
    unit = me.body.unit;
    // A custom role of scope 本人 with ledger read/edit, held by a colleague in the same unit.
    selfUser = await signedInWithRole(t.app, {
      username: 'own_clerk',
      unitId: unit.id,
      dataScope: 'self',
      permissions: ['org:unit:read', 'ledger:read', 'ledger:edit'],
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a 本人 user cannot overwrite a colleague’s record through the import, and learns nothing of it', async () => {
    const colleague = await reporter.post<RecordBody>('/api/ledgers/reconsideration/records', {
      values: values('本人复〔2025〕1号', '李四'),
    });
    expect(colleague.status).toBe(201);
    expect((await selfUser.get(`/api/ledgers/reconsideration/records/${colleague.body.id}`)).status).toBe(
      404,
    );

    const res = await upload(selfUser, [row('本人复〔2025〕1号', '王五', '04', true)]);
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.error!.code).toBe('IMPORT_REJECTED');
    expect(res.body.errors).toHaveLength(1);
    const error = res.body.errors![0]!;
    expect(error.row).toBe(2);
    expect(error.reason).toContain('与已有记录冲突，无法导入');
    const told = JSON.stringify(res.body);
    for (const secret of [colleague.body.id, '李四', unit.name, '张填报', 'town_reporter'])
      expect(told).not.toContain(secret);

    // The colleague's record is as it was: no field overwritten, none emptied.
    const after = await coordinator.get<RecordBody>(
      `/api/ledgers/reconsideration/records/${colleague.body.id}`,
    );
    expect(after.body.version).toBe(colleague.body.version);
    expect(after.body.values.applicant).toBe('李四');
    expect(after.body.values.receivedOn).toBe('2025-03-03');
    expect(after.body.values.decidedOn).toBeNull();
    await expectConsistent();

    // The user's own record with a key of their own is still updated by the import.
    const mine = await selfUser.post<RecordBody>('/api/ledgers/reconsideration/records', {
      values: values('本人复〔2025〕2号'),
    });
    expect(mine.status).toBe(201);
    const own = await upload(selfUser, [row('本人复〔2025〕2号', '王五', '04', true)]);
    expect(own.status, JSON.stringify(own.body)).toBe(200);
    expect(own.body).toMatchObject({ created: 0, updated: 1 });
    await expectConsistent();
  });

  it('a create or edit with a key held outside the scope answers 409 in words that confirm nothing', async () => {
    const colleague = await reporter.post<RecordBody>('/api/ledgers/reconsideration/records', {
      values: values('本人复〔2025〕3号', '赵六'),
    });
    expect(colleague.status).toBe(201);
    const create = await selfUser.post<RecordBody>('/api/ledgers/reconsideration/records', {
      values: values('本人复〔2025〕3号'),
    });
    expect(create.status).toBe(409);
    expect(create.body.error!.message).toBe('案号「本人复〔2025〕3号」与已有记录冲突，无法保存');
    // The same answer as the holder's own unit mates get: nothing tells the two cases apart.
    const inScope = await reporter.post<RecordBody>('/api/ledgers/reconsideration/records', {
      values: values('本人复〔2025〕3号'),
    });
    expect(inScope.status).toBe(409);
    expect(inScope.body).toEqual(create.body);

    const mine = await selfUser.post<RecordBody>('/api/ledgers/reconsideration/records', {
      values: values('本人复〔2025〕4号'),
    });
    const edit = await selfUser.put<RecordBody>(`/api/ledgers/reconsideration/records/${mine.body.id}`, {
      values: values('本人复〔2025〕3号'),
      version: mine.body.version,
    });
    expect(edit.status).toBe(409);
    expect(edit.body).toEqual(create.body);
    await expectConsistent();
  });

  it('two rows with one key, one naming the unit and one leaving it blank, are duplicates (existing key)', async () => {
    const existing = await reporter.post<RecordBody>('/api/ledgers/reconsideration/records', {
      values: values('重复复〔2025〕1号'),
    });
    expect(existing.status).toBe(201);
    const res = await upload(reporter, [
      row('重复复〔2025〕1号', '甲', '05', true, unit.name),
      row('重复复〔2025〕1号', '乙', '06', false),
    ]);
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.error!.code).toBe('IMPORT_REJECTED');
    expect(res.body.errors).toEqual([
      expect.objectContaining({ row: 3, column: '案号', value: '重复复〔2025〕1号' }),
    ]);
    expect(res.body.errors![0]!.reason).toContain('与第 2 行重复');
    const [record] = await byCaseNo('重复复〔2025〕1号');
    expect(record!.version).toBe(existing.body.version);
    expect(record!.values.receivedOn).toBe('2025-03-03');
    await expectConsistent();
  });

  it('two rows with one new key, one naming the unit and one leaving it blank, are duplicates, not a 500', async () => {
    const res = await upload(reporter, [
      row('重复复〔2025〕2号', '甲', '05', true),
      row('重复复〔2025〕2号', '乙', '06', false, unit.name),
    ]);
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.error!.code).toBe('IMPORT_REJECTED');
    expect(res.body.errors).toEqual([expect.objectContaining({ row: 3, column: '案号' })]);
    expect(res.body.errors![0]!.reason).toContain('与第 2 行重复');
    expect(await byCaseNo('重复复〔2025〕2号')).toEqual([]);
    await expectConsistent();
  });

  it('20 parallel creates of one key over HTTP: one 201, nineteen 409, figures intact', async () => {
    const before = await verifyRollups(t.database);
    expect(before.differences).toEqual([]);
    const body = JSON.stringify({ unitId: unit.id, values: values('并发复〔2025〕1号') });
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        fetch(`${t.baseUrl}/api/ledgers/reconsideration/records`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            cookie: coordinator.cookie!,
            'x-csrf-token': coordinator.csrf!,
          },
          body,
        }).then(async (res) => ({ status: res.status, body: (await res.json()) as RecordBody })),
      ),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([201, ...Array<number>(19).fill(409)]);
    for (const a of answers.filter((x) => x.status === 409))
      expect(a.body.error!.message).toBe('案号「并发复〔2025〕1号」与已有记录冲突，无法保存');
    expect(await byCaseNo('并发复〔2025〕1号')).toHaveLength(1);
    const after = await verifyRollups(t.database);
    expect(after.differences).toEqual([]);
    expect(after.records).toBe(before.records + 1);
  });

  it('parallel imports of one new key over HTTP: each is written whole or refused with 409, never 500', async () => {
    const before = await verifyRollups(t.database);
    const { body, contentType } = await multipart(
      await xlsxFrom(HEADERS, [row('并发复〔2025〕2号', '甲', '07', true)]),
      '并发.xlsx',
    );
    const answers = await Promise.all(
      Array.from({ length: 8 }, () =>
        fetch(`${t.baseUrl}/api/ledgers/reconsideration/import`, {
          method: 'POST',
          headers: { 'content-type': contentType, cookie: reporter.cookie!, 'x-csrf-token': reporter.csrf! },
          body: new Uint8Array(body),
        }).then(async (res) => ({ status: res.status, body: (await res.json()) as ImportAnswer })),
      ),
    );
    for (const a of answers) expect([200, 409], JSON.stringify(a.body)).toContain(a.status);
    const written = answers.filter((a) => a.status === 200);
    expect(written.filter((a) => a.body.created === 1)).toHaveLength(1);
    for (const a of answers.filter((x) => x.status === 409))
      expect(a.body.error!.message).toContain('未写入任何数据');
    expect(await byCaseNo('并发复〔2025〕2号')).toHaveLength(1);
    const after = await verifyRollups(t.database);
    expect(after.differences).toEqual([]);
    expect(after.records).toBe(before.records + 1);
  });
});
