import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isValidDate } from '../../domain/deadlines/index.ts';
import type { AppDeps } from '../../server/deps.ts';
import { paging } from '../../server/http.ts';
import { listAuditForDisplay } from './display.ts';
import { auditActions, verifyAuditTrail } from './service.ts';

/** A Beijing-time date (the whole day), or an instant with its time zone as the web page sends. */
const dateOrTime = z
  .string()
  .max(40)
  .refine(
    (v) =>
      /^\d{4}-\d{2}-\d{2}$/.test(v)
        ? isValidDate(v)
        : /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(v) &&
          !Number.isNaN(Date.parse(v)),
    { error: '时间格式应为 YYYY-MM-DD（北京时间的日期）或带时区的 ISO 时间' },
  );

export async function auditRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { database } = deps;

  r.get(
    '/api/audit',
    {
      schema: {
        tags: ['审计'],
        summary: '审计日志（只读）',
        querystring: z.object({
          user: z.string().max(64).optional(),
          unit: z.string().max(64).optional(),
          action: z.string().max(64).optional(),
          entityType: z.string().max(32).optional(),
          entityId: z.string().max(64).optional(),
          from: dateOrTime.optional(),
          to: dateOrTime.optional(),
          ...paging,
        }),
      },
      config: { permission: 'audit:read' },
    },
    async (req) => listAuditForDisplay(database.db, req.query),
  );

  r.get(
    '/api/audit/actions',
    { schema: { tags: ['审计'], summary: '已出现的操作类型' }, config: { permission: 'audit:read' } },
    async () => auditActions(database.db),
  );

  r.get(
    '/api/audit/verify',
    {
      schema: { tags: ['审计'], summary: '校验审计日志：逐条校验码、序号连续，以及是否短于库外的检查点' },
      config: { permission: 'audit:read' },
    },
    async () => verifyAuditTrail(database),
  );
}
