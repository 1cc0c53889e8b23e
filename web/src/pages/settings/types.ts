// Shapes of GET/PUT /api/calendar and /api/indicator-config (src/modules/ledgers/routes.ts).

export interface RegionRef {
  code: string;
  name: string;
}

export type CalendarListKey = 'holidays' | 'workdays' | 'removeHolidays' | 'removeWorkdays';

export type CalendarOverrides = Partial<Record<CalendarListKey, string[]>>;

export interface CalendarConfig {
  region: RegionRef;
  version: number;
  overrides: CalendarOverrides;
}

export interface MeasureOption {
  measure: string;
  label: string;
}

export interface IndicatorChoices {
  numerator?: { ledger: string; options: MeasureOption[]; default: string[] };
  denominator?: { ledger: string; options: MeasureOption[]; default: string };
}

export interface IndicatorOverride {
  numerator?: string[];
  denominator?: string;
}

export interface IndicatorConfigItem {
  id: string;
  label: string;
  defaultFormula: string;
  formula: string;
  choices: IndicatorChoices;
  current: IndicatorOverride | null;
}

export interface IndicatorConfig {
  region: RegionRef;
  version: number;
  items: IndicatorConfigItem[];
}

/** GET/PUT /api/deadline-limits: the statutory limits a region may set for itself. */
export interface LimitItem {
  id: string;
  label: string;
  law: string;
  article: string | null;
  from: string;
  unit: 'working' | 'calendar' | 'month';
  unitLabel: string;
  defaultDays: number;
  days: number;
  overridden: boolean;
  note: string | null;
}

export interface LimitConfig {
  region: RegionRef;
  version: number;
  items: LimitItem[];
}
