// What an uploaded .docx or .xlsx may expand to. The upload limits (10 MB for a report, 20 MB for an
// import) only bound the compressed file; deflate reaches 1000:1, so a small file can still inflate
// to gigabytes. These limits are checked while the archive is inflated (safe-archive.ts), before any
// library sees the file, and the parse itself runs in a worker with a heap limit (parse-pool.ts).
const MB = 1024 * 1024;

/** Rows one import may hold: one transaction, one error report, one progress bar. */
export const MAX_IMPORT_ROWS = 20_000;

export interface ArchiveLimits {
  /** What the file is, for messages: 「.docx」 or 「.xlsx」. */
  label: string;
  /** Entries in the zip: a real document has a few dozen (plus its images). */
  maxEntries: number;
  /** Inflated bytes of any one entry (the document body or one worksheet). */
  maxEntryBytes: number;
  /** Inflated bytes of all entries together. */
  maxTotalBytes: number;
}

/**
 * A 50万字 report (the most the proofreader checks) is about 15 MB of document.xml; tables put one
 * paragraph in every cell, so 100,000 paragraphs is far above any real report and far below the
 * 8 million that exhaust mammoth.
 */
export const DOCX_LIMITS: ArchiveLimits & { maxParagraphs: number } = {
  label: '.docx',
  maxEntries: 2000,
  maxEntryBytes: 64 * MB,
  maxTotalBytes: 128 * MB,
  maxParagraphs: 100_000,
};

/**
 * 20,000 rows (the import's own limit) of a ledger's widest row (28 fields and the unit column) is
 * about 30 MB of sheet XML and 580,000 cells; the parser holds every cell as an object (and creates
 * every cell of a merged range), so cells are counted too. Excel itself stores at most 32,767
 * characters in a cell, so shared strings beyond 32 MB mean the file is not a ledger.
 */
export const XLSX_LIMITS: ArchiveLimits & {
  maxRows: number;
  maxCells: number;
  maxSharedStringsBytes: number;
} = {
  label: '.xlsx',
  maxEntries: 2000,
  maxEntryBytes: 128 * MB,
  maxTotalBytes: 256 * MB,
  maxRows: MAX_IMPORT_ROWS,
  maxCells: 650_000,
  maxSharedStringsBytes: 32 * MB,
};

/** The longest text the proofreader checks (also the limit of pasted text). */
export const MAX_PROOFREAD_CHARS = 500_000;

export interface WorkerLimits {
  maxOldGenerationSizeMb: number;
  maxYoungGenerationSizeMb: number;
  /** Jobs of this kind at once; the others wait their turn. */
  concurrency: number;
  timeoutMs: number;
}

/**
 * The parse workers, one kind each: a heap cap, so that a file nobody foresaw ends its worker, not the
 * server, and one job of a kind at a time, so that parallel bombs cannot multiply it. The largest
 * import the limits above allow (20,000 rows × 29 columns) parses in about 200 MB of heap; so both
 * kinds at their caps, plus the server itself, stay under 1 GB.
 */
export const PARSE_WORKERS: Record<'docx-text' | 'xlsx-sheet', WorkerLimits> = {
  'docx-text': {
    maxOldGenerationSizeMb: 256,
    maxYoungGenerationSizeMb: 32,
    concurrency: 1,
    timeoutMs: 60_000,
  },
  'xlsx-sheet': {
    maxOldGenerationSizeMb: 320,
    maxYoungGenerationSizeMb: 32,
    concurrency: 1,
    timeoutMs: 60_000,
  },
};

export const mb = (bytes: number) => `${Math.round(bytes / MB)} MB`;
