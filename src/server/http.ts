// Shared request/response schemas for routes.
import { z } from 'zod';

z.config(z.locales.zhCN());

export const idParams = z.object({ id: z.string().min(1).max(64) });

export const paging = {
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};

export const boolQuery = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

export const version = z.number().int().min(0);

export const errorResponse = z.object({
  error: z.object({ code: z.string(), message: z.string(), field: z.string().optional() }),
});

export const okResponse = z.object({ ok: z.literal(true) });

/** Trimmed text with a Chinese message for the required case. */
export function text(label: string, max: number, min = 1) {
  return z
    .string({ error: `${label}必须是文本` })
    .trim()
    .min(min, { error: `${label}不能为空` })
    .max(max, { error: `${label}不能超过 ${max} 个字符` });
}

export const standardErrors = {
  400: errorResponse,
  401: errorResponse,
  403: errorResponse,
  404: errorResponse,
  409: errorResponse,
};

/** A calendar date written YYYY-MM-DD (2024-02-30 is refused, not rolled over). */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: '日期格式应为 YYYY-MM-DD' })
  .superRefine((s, ctx) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return;
    const d = new Date(`${s}T00:00:00Z`);
    if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== s)
      ctx.addIssue({ code: 'custom', message: `「${s}」不是有效日期，日期格式应为 YYYY-MM-DD` });
  });
