// What the server asks of the parse worker, and what comes back: plain data only (structured clone).
import type { ImportSheet } from './xlsx-sheet.ts';

export type ParseKind = 'docx-text' | 'xlsx-sheet';

export interface ParseJob {
  kind: ParseKind;
  data: Uint8Array;
}

export interface ParseResults {
  'docx-text': string;
  'xlsx-sheet': ImportSheet;
}

export type ParseReply =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; rejected: { status: 400 | 413; message: string } | null; message: string };
