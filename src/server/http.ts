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
