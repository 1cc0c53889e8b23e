import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireAuth } from '../../server/auth-plugin.ts';
import type { AppDeps } from '../../server/deps.ts';
import { differencesInScope, verifyRollups } from './rollup-verify.ts';

/** At most this many differences in one answer; the count says how many there are. */
const MAX_LISTED = 500;

export async function rollupVerifyRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/admin/rollups/verify',
    {
      schema: {
        tags: ['台账'],
        summary: '按记录重算全部汇总数据（各单位及各级合计），列出与已存汇总不一致之处（限本人数据范围）',
      },
      // The figures' keeper: whoever configures the region's calendar, limits and indicator definitions.
      config: { permission: 'indicator:config' },
    },
    async (req) => {
      const auth = requireAuth(req);
      const result = await verifyRollups(deps.database);
      const differences = differencesInScope(auth, result.differences);
      return {
        ok: differences.length === 0,
        ledgers: result.ledgers,
        records: result.records,
        differenceCount: differences.length,
        differences: differences.slice(0, MAX_LISTED).map(({ nodePath: _path, ...d }) => d),
      };
    },
  );
}
