import type { Rule } from '../types.ts';
import { completeness } from './completeness.ts';
import { dates } from './dates.ts';
import { duplicates } from './duplicates.ts';
import { ledgerMismatch } from './ledger.ts';
import { listSequence } from './list-sequence.ts';
import { nonstandardChars } from './nonstandard-chars.ts';
import { numberFormat } from './number-format.ts';
import { personalData } from './personal-data.ts';
import { prohibited } from './prohibited.ts';
import { punctuation } from './punctuation.ts';
import { rateConsistency } from './rate-consistency.ts';
import { repeatedSentences } from './repeated-sentences.ts';
import { standardTerms } from './standard-terms.ts';
import { totalConsistency } from './total-consistency.ts';

/** All rules, in reporting order. */
export const RULES: readonly Rule[] = [
  prohibited,
  personalData,
  standardTerms,
  duplicates,
  repeatedSentences,
  punctuation,
  numberFormat,
  nonstandardChars,
  rateConsistency,
  totalConsistency,
  listSequence,
  dates,
  completeness,
  ledgerMismatch,
];
