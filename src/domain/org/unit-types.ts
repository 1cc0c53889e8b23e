// Kinds of unit found inside a county (and above it), with their Chinese names.
export const UNIT_TYPES = {
  party_committee: '党委',
  government: '政府',
  congress: '人大',
  cppcc: '政协',
  rule_of_law_office: '依法治县办/司法局',
  department: '县直部门',
  township: '乡镇/街道',
  justice_office: '司法所',
  village: '村/社区',
  court: '法院',
  procuratorate: '检察院',
  other: '其他',
} as const;

export type UnitType = keyof typeof UNIT_TYPES;

export const REGION_LEVELS = { province: '省', city: '市', county: '县' } as const;

/** Every kind of unit, for a ledger every unit keeps (普法 is everyone's duty). */
export const ALL_UNIT_TYPES = Object.keys(UNIT_TYPES) as UnitType[];
