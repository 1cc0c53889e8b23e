// One masking rule for list, record, export and template; search by names for those who may see them;
// unmasked views audited once per session with a count, and shown with Chinese labels.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, engines, signedIn, startTestApp, type TestContext } from '../support/app.ts';
import { readXlsx } from '../support/xlsx.ts';

interface RecordDto {
  id: string;
  version: number;
  values: Record<string, unknown>;
}
interface Page {
  total: number;
  items: RecordDto[];
  hint?: string;
}
interface AuditItem {
  action: string;
  username: string | null;
  entityType: string | null;
  entityId: string | null;
  entityLabel: string | null;
  fieldLabels: Record<string, string>;
  viewCount: number | null;
  changes: unknown;
}

const TOWN_CASE = {
  caseNo: '城关复〔2025〕7号',
  applicant: '欧阳娜娜',
  applicantIdNumber: '430102199001011234',
  applicantPhone: '13900001111',
  respondent: '县市场监督管理局',
  receivedOn: '2025-01-03',
};
const OFFICE_CASE = {
  caseNo: '城关所复〔2025〕8号',
  applicant: '司马光明',
  applicantPhone: '13800002222',
  respondent: '县自然资源局',
  receivedOn: '2025-01-04',
};

describe.each(engines())('个人信息的显示、检索与审计 (%s)', { timeout: 120_000 }, (engine) => {
  let t: TestContext;
  let coordinator: Client;
  let townCase: RecordDto;
  let officeCase: RecordDto;

  const list = (c: Client, query = '') => c.get<Page>(`/api/ledgers/reconsideration/records${query}`);
  const valuesOf = async (c: Client, caseNo: string) => {
    const res = await list(c, `?f.caseNo=${encodeURIComponent(caseNo)}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.items[0]?.values;
  };
  const exportRows = async (c: Client) => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/ledgers/reconsideration/export.xlsx',
      headers: { cookie: c.cookie! },
    });
    expect(res.statusCode).toBe(200);
    const ws = (await readXlsx(res.rawPayload)).getWorksheet('数据')!;
    const rows: string[][] = [];
    ws.eachRow((row, n) => {
      if (n > 1) rows.push((row.values as unknown[]).map((v) => String(v ?? '')));
    });
    return rows;
  };
  const audit = async (query: string) => {
    const auditor = await signedIn(t.app, 'auditor');
    const res = await auditor.get<{ items: AuditItem[] }>(`/api/audit?${query}`);
    expect(res.status).toBe(200);
    return res.body.items;
  };

  beforeAll(async () => {
    t = await startTestApp(engine);
    coordinator = await signedIn(t.app, 'coordinator');
    const units = await coordinator.get<{ items: Array<{ id: string; name: string }> }>(
      '/api/units?q=城关镇&pageSize=100',
    );
    const town = units.body.items.find((u) => u.name === '城关镇')!;
    const office = units.body.items.find((u) => u.name === '城关镇司法所')!;
    const reporter = await signedIn(t.app, 'town_reporter');
    const a = await reporter.post<RecordDto>('/api/ledgers/reconsideration/records', { values: TOWN_CASE });
    expect(a.status, JSON.stringify(a.body)).toBe(201);
    townCase = a.body;
    expect(town.id).toBeTruthy();
    const b = await coordinator.post<RecordDto>('/api/ledgers/reconsideration/records', {
      unitId: office.id,
      values: OFFICE_CASE,
    });
    expect(b.status, JSON.stringify(b.body)).toBe(201);
    officeCase = b.body;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('the reporter who typed the names sees them, in the answer to the save, the list, the record and the export', async () => {
    expect(townCase.values.applicant).toBe('欧阳娜娜');
    const reporter = await signedIn(t.app, 'town_reporter');
    expect(await valuesOf(reporter, TOWN_CASE.caseNo)).toMatchObject({
      applicant: '欧阳娜娜',
      applicantIdNumber: '430102199001011234',
      applicantPhone: '13900001111',
    });
    const one = await reporter.get<RecordDto>(`/api/ledgers/reconsideration/records/${townCase.id}`);
    expect(one.body.values.applicant).toBe('欧阳娜娜');
    const rows = await exportRows(reporter);
    expect(rows.flat()).toContain('430102199001011234');
    expect(rows.flat()).toContain('欧阳娜娜');
  });

  it('the coordinator (pii:read) sees the same clear names in list, record drawer and export', async () => {
    expect(await valuesOf(coordinator, OFFICE_CASE.caseNo)).toMatchObject({ applicant: '司马光明' });
    // The drawer used to mask what the list showed until 查看原文.
    const one = await coordinator.get<RecordDto>(`/api/ledgers/reconsideration/records/${townCase.id}`);
    expect(one.body.values).toMatchObject({ applicant: '欧阳娜娜', applicantPhone: '13900001111' });
    const cells = (await exportRows(coordinator)).flat();
    expect(cells).toContain('13800002222');
    expect(cells).toContain('430102199001011234');
  });

  it('the leader sees every name masked, everywhere, and cannot ask for the original', async () => {
    const leader = await signedIn(t.app, 'leader');
    expect(await valuesOf(leader, TOWN_CASE.caseNo)).toMatchObject({
      applicant: '欧***',
      applicantIdNumber: '43*************234',
      applicantPhone: '139****1111',
    });
    const one = await leader.get<RecordDto>(`/api/ledgers/reconsideration/records/${townCase.id}`);
    expect(one.body.values.applicant).toBe('欧***');
    const unmask = await leader.get<{ error: { message: string } }>(
      `/api/ledgers/reconsideration/records/${townCase.id}?unmask=true`,
    );
    expect(unmask.status).toBe(403);
    expect(unmask.body.error.message).toContain('未脱敏');
    const cells = (await exportRows(leader)).flat();
    expect(cells).toContain('139****1111');
    expect(cells).not.toContain('13900001111');
    expect(cells).not.toContain('430102199001011234');
    expect(cells.join()).not.toContain('欧阳娜娜');
  });

  it('an approver sees the own unit in clear and a subordinate unit masked', async () => {
    const approver = await signedIn(t.app, 'town_approver');
    expect((await valuesOf(approver, TOWN_CASE.caseNo))?.applicant).toBe('欧阳娜娜');
    expect((await valuesOf(approver, OFFICE_CASE.caseNo))?.applicant).toBe('司***');
    const one = await approver.get<RecordDto>(`/api/ledgers/reconsideration/records/${officeCase.id}`);
    expect(one.body.values.applicantPhone).toBe('138****2222');
  });

  it('the template says the rule that applies, not 「导出和列表中将脱敏显示」', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/ledgers/reconsideration/template.xlsx',
      headers: { cookie: coordinator.cookie! },
    });
    expect(res.statusCode).toBe(200);
    const help = (await readXlsx(res.rawPayload)).getWorksheet('填表说明')!;
    const texts: string[] = [];
    help.eachRow((row) => texts.push((row.values as unknown[]).map((v) => String(v ?? '')).join('|')));
    const applicant = texts.find((l) => l.startsWith('|申请人|'))!;
    expect(applicant).toContain('本单位的填报、审核人员');
    expect(applicant).toContain('其他人看到脱敏形式');
    expect(texts.join('\n')).not.toContain('导出和列表中将脱敏显示');
  });

  it('search by a name finds the record for those who may see it, and tells the others why not', async () => {
    const found = await list(coordinator, `?q=${encodeURIComponent('欧阳娜娜')}`);
    expect(found.body.items.map((r) => r.id)).toEqual([townCase.id]);
    expect(found.body.hint).toBeUndefined();
    // The family name alone is a prefix of the name.
    expect((await list(coordinator, `?q=${encodeURIComponent('司马')}`)).body.items.map((r) => r.id)).toEqual(
      [officeCase.id],
    );
    // ID and phone numbers only as a whole: a part would let anyone guess digit by digit.
    expect((await list(coordinator, '?q=430102199001011234')).body.total).toBe(1);
    expect((await list(coordinator, '?q=4301021990')).body.total).toBe(0);
    expect((await list(coordinator, '?q=13800002222')).body.items.map((r) => r.id)).toEqual([officeCase.id]);

    const reporter = await signedIn(t.app, 'town_reporter');
    const own = await list(reporter, `?q=${encodeURIComponent('欧阳')}`);
    expect(own.body.total).toBe(1);
    expect(own.body.hint).toBeUndefined();

    // A masked name must not be searchable: a hit would tell it.
    const approver = await signedIn(t.app, 'town_approver');
    const sub = await list(approver, `?q=${encodeURIComponent('司马光明')}`);
    expect(sub.body.total).toBe(0);
    expect(sub.body.hint).toBe(
      '姓名等个人信息只在本单位的记录中参与检索：您无权查看其他单位记录中的个人信息',
    );
    expect((await list(approver, `?q=${encodeURIComponent('欧阳娜娜')}`)).body.total).toBe(1);

    const leader = await signedIn(t.app, 'leader');
    const none = await list(leader, `?q=${encodeURIComponent('欧阳娜娜')}`);
    expect(none.body.total).toBe(0);
    expect(none.body.hint).toBe('姓名等个人信息不参与检索：您无权查看个人信息');
    // Other text is still searched for everyone.
    expect((await list(leader, `?q=${encodeURIComponent('城关复')}`)).body.total).toBe(1);
  });

  it('unmasked list views and name searches are audited once per user, ledger and session, with a count', async () => {
    const clerk = await signedIn(t.app, 'coordinator');
    for (let i = 0; i < 3; i += 1) expect((await list(clerk, `?page=1&pageSize=${10 + i}`)).status).toBe(200);
    for (let i = 0; i < 2; i += 1) await list(clerk, `?q=${encodeURIComponent(i ? '司马' : '欧阳')}`);
    const leader = await signedIn(t.app, 'leader');
    await list(leader);

    const rows = await audit('action=ledger.pii.list&entityType=reconsideration&user=coordinator');
    // The newest record is this session's: its first list call.
    const session = (rows[0]?.changes as { session?: string } | undefined)?.session;
    const mine = rows.filter((r) => (r.changes as { session?: string }).session === session);
    // Every list call of this session (3 pages and 2 searches) is one record with the count 5.
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ entityLabel: '行政复议案件', viewCount: 5 });
    const searches = await audit('action=ledger.pii.search&entityType=reconsideration&user=coordinator');
    expect(searches.filter((r) => r.viewCount === 2)).toHaveLength(1);
    // The leader saw only masked values: nothing to audit.
    expect(await audit('action=ledger.pii.list&user=leader')).toHaveLength(0);

    // A new session starts a new record.
    const again = await signedIn(t.app, 'coordinator');
    await list(again);
    const after = await audit('action=ledger.pii.list&entityType=reconsideration&user=coordinator');
    expect(after.length).toBe(rows.length + 1);
    expect(after[0]!.viewCount).toBe(1);
  });

  it('opening a record in clear is audited once per session and record, named by the ledger and its case number', async () => {
    const clerk = await signedIn(t.app, 'coordinator');
    for (let i = 0; i < 3; i += 1)
      expect((await clerk.get(`/api/ledgers/reconsideration/records/${townCase.id}`)).status).toBe(200);
    const views = await audit(`action=ledger.pii.view&entityId=${townCase.id}&user=coordinator`);
    expect(views[0]).toMatchObject({ entityLabel: `行政复议案件 ${TOWN_CASE.caseNo}`, viewCount: 3 });
  });

  it('the audit log names the ledger, the record and the changed fields in Chinese', async () => {
    const reporter = await signedIn(t.app, 'town_reporter');
    const current = await reporter.get<RecordDto>(`/api/ledgers/reconsideration/records/${townCase.id}`);
    const put = await reporter.put(`/api/ledgers/reconsideration/records/${townCase.id}`, {
      values: { ...current.body.values, decidedOn: '2025-03-01', decision: '维持' },
      version: current.body.version,
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const [update] = await audit(`action=ledger.reconsideration.update&entityId=${townCase.id}`);
    expect(update).toMatchObject({
      entityLabel: `行政复议案件 ${TOWN_CASE.caseNo}`,
      fieldLabels: { decidedOn: '审结日期', decision: '决定类型' },
    });
    // The stored change itself keeps personal data masked.
    expect(JSON.stringify(update!.changes)).not.toContain('欧阳娜娜');
    // The counts live beside the chain: it still verifies.
    const verify = await (await signedIn(t.app, 'auditor')).get<{ broken: unknown }>('/api/audit/verify');
    expect(verify.body.broken).toBeNull();
  });
});
