export { check, extractFacts } from './check.ts';
export { Doc } from './doc.ts';
export { normalize } from './normalize.ts';
export { DEFAULT_OUTLINE } from './rules/completeness.ts';
export { RULES } from './rules/index.ts';
export type { CheckContext, Fact, Finding, LedgerFigure, Rule, Severity } from './types.ts';
