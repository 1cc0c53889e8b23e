import type { Kysely } from 'kysely';

/** The last TOTP time step accepted for a user, so that a code cannot be used twice. */
export function totpReplay() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('users').addColumn('totp_last_step', 'integer').execute();
    },
    async down(): Promise<void> {
      throw new Error('迁移只增不减 (migrations are additive)');
    },
  };
}
