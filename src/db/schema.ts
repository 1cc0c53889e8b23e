// Table types for Kysely. Conventions that hold on both engines (see ARCHITECTURE.md):
// ids are app-generated UUIDv7 text; booleans are 0/1 integers; timestamps are ISO-8601 UTC text;
// JSON is stored as text and parsed in services.

export type Bool01 = 0 | 1;

export interface RegionTable {
  code: string; // GB/T 2260 six-digit code
  name: string;
  level: 'province' | 'city' | 'county';
  parent_code: string | null;
  path: string; // '/440000/440100/440103/'
  created_at: string;
}

export interface UnitTable {
  id: string;
  region_code: string;
  parent_id: string | null;
  name: string;
  type: string;
  code: string | null; // e.g. 统一社会信用代码 or an internal short code
  sort: number;
  // Materialised path: the region path followed by the ids of every ancestor and this unit.
  // "This unit and everything below it" is the indexed range path >= p AND path < p || '~'.
  path: string;
  disabled: Bool01;
  version: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface UserTable {
  id: string;
  username: string;
  display_name: string;
  unit_id: string;
  phone: string | null;
  password_hash: string;
  must_change_password: Bool01;
  password_changed_at: string | null;
  disabled: Bool01;
  totp_secret: string | null;
  totp_enabled: Bool01;
  /** Last accepted TOTP time step; a code for this step or an earlier one is refused. */
  totp_last_step?: number | null;
  last_login_at: string | null;
  version: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface RoleTable {
  id: string;
  code: string;
  name: string;
  description: string;
  duty: 'sysadmin' | 'secadmin' | 'auditor' | null;
  data_scope: 'all' | 'subtree' | 'unit' | 'self';
  permissions: string; // JSON array of permission codes
  builtin: Bool01;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface UserRoleTable {
  user_id: string;
  role_id: string;
}

export interface SessionTable {
  id: string; // sha256 of the cookie token; the token itself is never stored
  user_id: string;
  csrf_token: string;
  stage: 'totp' | 'active';
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ip: string;
  user_agent: string;
}

export interface LoginAttemptTable {
  username: string; // lower-cased; kept for unknown names too so a lock reveals nothing
  failures: number;
  locked_until: string | null;
  updated_at: string;
}

export interface AuditTable {
  seq: number; // position in the hash chain, assigned under a lock
  id: string;
  at: string;
  user_id: string | null;
  username: string | null;
  unit_id: string | null;
  unit_name: string | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  changes: string | null; // JSON {field: {before, after}} or details
  ip: string | null;
  user_agent: string | null;
  prev_hash: string;
  hash: string;
}

export interface SettingTable {
  key: string;
  value: string; // JSON
  version: number;
  updated_at: string;
}

export interface LedgerRollupTotalTable {
  /** A region code or a unit id: the total covers that node's whole subtree. */
  node: string;
  period: string;
  ledger: string;
  measure: string;
  value: number;
}

export interface LedgerRollupTable {
  ledger: string;
  measure: string;
  period: string;
  unit_id: string;
  unit_path: string;
  value: number;
}

export interface DB {
  regions: RegionTable;
  units: UnitTable;
  users: UserTable;
  roles: RoleTable;
  user_roles: UserRoleTable;
  sessions: SessionTable;
  login_attempts: LoginAttemptTable;
  audit_log: AuditTable;
  settings: SettingTable;
  ledger_rollups: LedgerRollupTable;
  ledger_rollup_totals: LedgerRollupTotalTable;
}
