// Shapes of the API's responses (see src/modules/*/routes.ts).

export interface Me {
  user: { id: string; username: string; displayName: string };
  unit: { id: string; name: string };
  region: { code: string; name: string };
  roles: Array<{ code: string; name: string; dataScope: string; dataScopeLabel: string }>;
  permissions: string[];
  dataScope: { code: string; label: string } | null;
  csrfToken: string;
  pending: { totp: boolean; passwordChange: boolean; totpSetup: boolean };
  totpEnabled: boolean;
}

export interface Meta {
  product: string;
  demo: boolean;
  demoPassword: string | null;
  demoAccounts: Array<{ username: string; label: string }>;
}

export interface LoginResult {
  ok: true;
  csrfToken: string;
  mustChangePassword: boolean;
  totpRequired: boolean;
}

export interface Page<T> {
  total: number;
  /** Ledger lists cap their count: false when more than `total` records match. */
  totalExact?: boolean;
  items: T[];
  /** Why a keyword search left personal data out (ledger lists). */
  hint?: string;
}

export interface Unit {
  id: string;
  regionCode: string;
  regionName: string;
  parentId: string | null;
  parentName: string | null;
  name: string;
  type: string;
  typeLabel: string;
  code: string | null;
  sort: number;
  disabled: boolean;
  version: number;
  depth: number;
  createdAt: string;
  updatedAt: string;
}

export interface UnitNode {
  id: string;
  regionCode: string;
  name: string;
  type: string;
  typeLabel: string;
  children: UnitNode[];
}

export interface User {
  id: string;
  username: string;
  displayName: string;
  unitId: string;
  unitName: string;
  phone: string | null;
  disabled: boolean;
  locked: boolean;
  mustChangePassword: boolean;
  totpEnabled: boolean;
  lastLoginAt: string | null;
  roles: Array<{ id: string; code: string; name: string }>;
  version: number;
  createdAt: string;
}

export interface Role {
  id: string;
  code: string;
  name: string;
  description: string;
  duty: string | null;
  dataScope: string;
  permissions: string[];
  builtin: boolean;
  userCount: number;
  version: number;
}

export interface CodeLabel {
  code: string;
  label: string;
}

export interface PermissionCatalog {
  permissions: CodeLabel[];
  dataScopes: CodeLabel[];
  duties: CodeLabel[];
}

export interface Policy {
  minLength: number;
  minClasses: number;
  maxFailures: number;
  lockMinutes: number;
  idleMinutes: number;
  absoluteHours: number;
  requireTotpForAdmins: boolean;
  version: number;
  /** Settings production mode fixes (shown, not editable). */
  fixed: string[];
}

export interface AuditRecord {
  seq: number;
  id: string;
  at: string;
  userId: string | null;
  username: string | null;
  unitId: string | null;
  unitName: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  changes: unknown;
  ip: string | null;
  userAgent: string | null;
  hash: string;
  /** 「人民调解案件 城关调〔2025〕1号」 for ledger records; null for other objects. */
  entityLabel?: string | null;
  /** Chinese labels of the ledger fields in `changes`. */
  fieldLabels?: Record<string, string>;
  /** Views of the same kind in the same session that this record stands for. */
  viewCount?: number | null;
}
