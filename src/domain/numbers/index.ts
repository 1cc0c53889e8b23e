/**
 * Chinese and Arabic numerals, approximate amounts (50余万元, 1000余人次) and rate arithmetic.
 * Pure functions, shared by the proofreader, ledgers and report generation.
 */

export const CHINESE_DIGITS: Readonly<Record<string, number>> = {
  〇: 0,
  零: 0,
  一: 1,
  壹: 1,
  二: 2,
  贰: 2,
  两: 2,
  三: 3,
  叁: 3,
  四: 4,
  肆: 4,
  五: 5,
  伍: 5,
  六: 6,
  陆: 6,
  七: 7,
  柒: 7,
  八: 8,
  捌: 8,
  九: 9,
  玖: 9,
};

const SMALL_UNITS: Readonly<Record<string, number>> = {
  十: 10,
  拾: 10,
  百: 100,
  佰: 100,
  千: 1000,
  仟: 1000,
};
const BIG_UNITS: Readonly<Record<string, number>> = { 万: 10_000, 亿: 100_000_000 };

/** Characters that may appear in a Chinese numeral. */
export const CHINESE_NUMERAL_CHARS = '〇零一壹二贰两三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟万亿';

export function isChineseNumeralChar(ch: string): boolean {
  return ch.length > 0 && CHINESE_NUMERAL_CHARS.includes(ch);
}

/**
 * Parses a Chinese numeral such as 一百二十三, 两千零五, 十五, 3万 is not handled here (mixed forms
 * go through parseAmount). Digit sequences like 二〇三五 are read digit by digit. Returns undefined when
 * the string is not a well-formed numeral.
 */
export function parseChineseNumeral(input: string): number | undefined {
  const s = input.trim();
  if (s.length === 0) return undefined;
  for (const ch of s) if (!isChineseNumeralChar(ch)) return undefined;
  // Digit-by-digit form (二〇三五, 一九四九): only digits, at least two of them.
  if (s.length >= 2 && [...s].every((ch) => ch in CHINESE_DIGITS)) {
    let v = 0;
    for (const ch of s) v = v * 10 + (CHINESE_DIGITS[ch] ?? 0);
    return v;
  }
  let total = 0;
  let section = 0;
  let digit: number | undefined;
  let lastSmall = Number.POSITIVE_INFINITY;
  for (const ch of s) {
    if (ch in CHINESE_DIGITS) {
      if (digit !== undefined && digit !== 0 && CHINESE_DIGITS[ch] !== 0) return undefined; // two digits in a row
      digit = CHINESE_DIGITS[ch];
    } else if (ch in SMALL_UNITS) {
      const u = SMALL_UNITS[ch] ?? 1;
      if (u >= lastSmall) return undefined;
      lastSmall = u;
      section += (digit ?? 1) * u;
      digit = undefined;
    } else if (ch in BIG_UNITS) {
      const u = BIG_UNITS[ch] ?? 1;
      section += digit ?? 0;
      if (section === 0 && total === 0) return undefined;
      total = u === 10_000 ? total + section * u : (total + section) * u;
      section = 0;
      digit = undefined;
      lastSmall = Number.POSITIVE_INFINITY;
    }
  }
  section += digit ?? 0;
  return total + section;
}

/** Parses an Arabic number, tolerating full-width digits and thousands separators: 1,234.5 → 1234.5. */
export function parseArabic(input: string): number | undefined {
  const s = toHalfWidthDigits(input)
    .replace(/[,，](?=\d{3}\b)/g, '')
    .trim();
  if (!/^\d+(\.\d+)?$/.test(s)) return undefined;
  return Number(s);
}

export function toHalfWidthDigits(s: string): string {
  return s.replace(/[０-９．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

export interface Amount {
  /** value in base units (50余万元 → 500000) */
  value: number;
  /** marked 余/多/约/近/超 */
  approx: boolean;
  /** unit as written after the multiplier, e.g. 元, 人次, % */
  unit: string;
  /** multiplier written in the text (万 → 10000), 1 if none */
  multiplier: number;
  /** number of decimals shown (for rates: precision) */
  decimals: number;
}

/**
 * Parses a quantity such as 50余万元, 1000余人次, 6480万元, 11.7万元, 两千人, 95.4%, 3万余人.
 * `unit` is whatever follows the number (and multiplier/余); pass the unit separately if known.
 */
export function parseAmount(input: string): Amount | undefined {
  const s = toHalfWidthDigits(input.trim());
  const m =
    /^(约|近|超过|超|逾)?(\d+(?:,\d{3})*(?:\.\d+)?|[〇零一二两三四五六七八九十百千]+)(余|多)?(万|亿|千万|百万)?(余|多)?(.*)$/u.exec(
      s,
    );
  if (!m) return undefined;
  const numText = m[2] ?? '';
  const base = /\d/.test(numText) ? parseArabic(numText) : parseChineseNumeral(numText);
  if (base === undefined) return undefined;
  const mult = multiplierOf(m[4] ?? '');
  const decimals = /\.(\d+)/.exec(numText)?.[1]?.length ?? 0;
  return {
    value: roundTo(base * mult, 6),
    approx: Boolean(m[1] || m[3] || m[5]),
    unit: (m[6] ?? '').trim(),
    multiplier: mult,
    decimals,
  };
}

export function multiplierOf(word: string): number {
  switch (word) {
    case '万':
      return 10_000;
    case '亿':
      return 100_000_000;
    case '千万':
      return 10_000_000;
    case '百万':
      return 1_000_000;
    case '千':
      return 1000;
    default:
      return 1;
  }
}

export function roundTo(v: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round((v + Number.EPSILON * Math.sign(v)) * f) / f;
}

/** Number of decimals shown in a written number: "95.40" → 2. */
export function decimalsOf(written: string): number {
  return /\.(\d+)/.exec(toHalfWidthDigits(written))?.[1]?.length ?? 0;
}

/** Formats numerator/denominator as a percentage with the given decimals: (1838, 1928, 1) → "95.3". */
export function formatRate(numerator: number, denominator: number, decimals: number): string {
  if (denominator === 0) return 'NaN';
  return (roundTo((numerator / denominator) * 100, decimals) + 0).toFixed(decimals);
}

/**
 * Does the stated percentage agree with numerator/denominator at the precision shown?
 * Accepts ordinary rounding and truncation (both are found in practice).
 */
export function rateMatches(
  numerator: number,
  denominator: number,
  statedPercent: number,
  decimals: number,
): boolean {
  if (denominator <= 0) return false;
  const exact = (numerator / denominator) * 100;
  const step = 10 ** -decimals;
  const eps = 1e-9;
  if (Math.abs(exact - statedPercent) <= step / 2 + eps) return true; // rounding
  if (exact >= statedPercent - eps && exact < statedPercent + step - eps) return true; // truncation
  return false;
}

/**
 * Integer denominators d in [lo, hi] for which numerator/d rounds to the stated rate.
 * Used to explain a rate computed on another base (e.g. 审结 instead of 受理).
 */
export function impliedDenominators(
  numerator: number,
  statedPercent: number,
  decimals: number,
  lo: number,
  hi: number,
): number[] {
  if (statedPercent <= 0 || numerator <= 0) return [];
  const step = 10 ** -decimals;
  const minRate = (statedPercent - step / 2) / 100;
  const maxRate = (statedPercent + step / 2) / 100;
  const dLo = Math.max(lo, Math.ceil(numerator / maxRate - 1e-9));
  const dHi = Math.min(hi, Math.floor(numerator / minRate + 1e-9));
  const out: number[] = [];
  for (let d = dLo; d <= dHi && out.length < 50; d++) {
    if (rateMatches(numerator, d, statedPercent, decimals)) out.push(d);
  }
  return out;
}

/** Converts an integer to Chinese digit-by-digit form used in years: 2035 → 二〇三五. */
export function toChineseDigits(n: number): string {
  const d = '〇一二三四五六七八九';
  return String(Math.trunc(Math.abs(n)))
    .split('')
    .map((c) => d[Number(c)])
    .join('');
}
