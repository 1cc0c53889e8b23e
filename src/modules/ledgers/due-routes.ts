// What is due from the caller: the periodic statistics their own unit files (月报、年报), and the
// deadlines of one record (shown when it is opened, e.g. from the to-do list).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { columnOf, ledgerTable } from '../../db/ledger-storage.ts';
import { chinaToday, daysBetween, deadlineStatus } from '../../domain/deadlines/index.ts';
import { findLedger, ledger } from '../../domain/ledgers/index.ts';
import { keepsLedger } from '../../domain/ledgers/kept-by.ts';
import { PERIODIC_REPORTS, periodDue } from '../../domain/ledgers/periodic-reports.ts';
import { deadlineApplies, recordDue } from '../../domain/ledgers/record-deadlines.ts';
import { requireAuth } from '../../server/auth-plugin.ts';
import type { AppDeps } from '../../server/deps.ts';
import { notFound } from '../../server/errors.ts';
import { idParams, isoDate } from '../../server/http.ts';
import { rulesByPath } from './limit-config.ts';
import { getRecord } from './records.ts';

const todayQuery = z.object({ today: isoDate.optional() });

export async function dueRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { database } = deps;

  r.get(
    '/api/todo/reports',
    {
      schema: {
        tags: ['台账'],
        summary: '本单位本月应报的统计（月报、年报）及是否已报',
        querystring: todayQuery,
      },
      config: { permission: 'ledger:read' },
    },
    async (req) => {
      const auth = requireAuth(req);
      const today = req.query.today ?? chinaToday();
      const unit = await database.db
        .selectFrom('units')
        .select(['id', 'name', 'type'])
        .where('id', '=', auth.user.unitId)
        .executeTakeFirstOrThrow();
      const items = [];
      for (const report of PERIODIC_REPORTS) {
        const def = ledger(report.ledger);
        if (!keepsLedger(def, unit.type)) continue;
        const period = periodDue(report, today);
        const filed = await sql<{ id: string }>`
          select id from ${sql.table(ledgerTable(def))}
          where deleted = 0 and unit_id = ${unit.id} and ${sql.ref(columnOf(report.periodField))} = ${period.start}
          limit 1`.execute(database.db);
        const done = filed.rows.length > 0;
        items.push({
          ledger: def.key,
          ledgerTitle: def.title,
          unitName: unit.name,
          period: period.start,
          periodLabel: period.label,
          due: period.due,
          filed: done,
          status: done ? 'filed' : today > period.due ? 'overdue' : 'due',
          statusLabel: done
            ? '已报'
            : today > period.due
              ? `超期 ${daysBetween(period.due, today)} 天`
              : '待报',
        });
      }
      return { today, items };
    },
  );

  r.get(
    '/api/ledgers/:key/records/:id/deadlines',
    {
      schema: {
        tags: ['台账'],
        summary: '一条记录的办理期限：到期日、剩余天数（自然日与工作日）',
        params: z.object({ key: z.string().max(40) }).extend(idParams.shape),
        querystring: todayQuery,
      },
      config: { permission: 'ledger:read', scopedEntity: 'ledgerRecord' },
    },
    async (req) => {
      const auth = requireAuth(req);
      const def = findLedger(req.params.key);
      if (!def) throw notFound('台账');
      const today = req.query.today ?? chinaToday();
      // Reads through the record endpoint's own scope check (404 outside it).
      const dto = await getRecord(database, auth, req.actor(), def, req.params.id, false);
      const unit = await database.db
        .selectFrom('units')
        .select('path')
        .where('id', '=', dto.unitId)
        .executeTakeFirstOrThrow();
      const rules = await rulesByPath(database.db)(unit.path);
      const record = dto.values;
      const items = [];
      for (const d of def.deadlines ?? []) {
        if (!deadlineApplies(d, record)) continue;
        const due = recordDue(d, record, rules);
        if (due === null) continue;
        const doneOn = d.done ? record[d.done] : null;
        const done = typeof doneOn === 'string' && doneOn !== '' ? doneOn : undefined;
        let st: ReturnType<typeof deadlineStatus>;
        try {
          st = deadlineStatus(due, today, rules.calendar, { warnWorkingDays: 3 }, done);
        } catch {
          continue; // a malformed stored date has no status; validation refuses new ones
        }
        items.push({
          id: d.id,
          label: d.label,
          from: String(record[d.from]),
          due,
          doneOn: done ?? null,
          status: st.status,
          statusLabel: st.label,
          daysLeft: done ? null : daysBetween(today, due),
          remainingWorkingDays: done ? null : st.remainingWorkingDays,
          daysLate: st.daysLate,
        });
      }
      return { today, items };
    },
  );
}
