import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../server/deps.ts';
import { paging } from '../../server/http.ts';
import { auditActions, listAudit, verifyAuditTrail } from './service.ts';

const dateOrTime = z.string().regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?$/, { error: '日期格式应为 YYYY-MM-DD' });

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
    async (req) => listAudit(database.db, req.query),
  );

  r.get(
    '/api/audit/actions',
    { schema: { tags: ['审计'], summary: '已出现的操作类型' }, config: { permission: 'audit:read' } },
    async () => auditActions(database.db),
  );

  r.get(
    '/api/audit/verify',
    { schema: { tags: ['审计'], summary: '校验审计日志哈希链' }, config: { permission: 'audit:read' } },
    async () => verifyAuditTrail(database.db),
  );
}
