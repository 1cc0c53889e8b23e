// Counting sign-in guesses so that guesses sent at once are counted exactly like guesses sent one
// after another. Each guess takes its number in one atomic upsert *before* the (slow, asynchronous)
// check of the password or code: a burst cannot all read the same old count, and guesses beyond the
// limit are refused without being checked at all.
import { sql } from 'kysely';
import { type Db, nowIso, type Trx } from '../../db/index.ts';

export interface AttemptLimit {
  maxFailures: number;
  lockMinutes: number;
}

export interface Attempt {
  /** This guess's number since the last success or the end of the last lock (1 = first). */
  number: number;
  /** The guess may not be checked: the name is locked, or `maxFailures` guesses are already counted. */
  refused: boolean;
}

function lockActive(now: string) {
  return sql<boolean>`login_attempts.locked_until is not null and login_attempts.locked_until > ${now}`;
}

/**
 * Counts one guess for `key`. A lock that has run out starts the count afresh. A guess numbered beyond
 * the limit sets the lock itself, so that a count left behind by a guess that never finished cannot
 * refuse the name forever.
 */
export async function countAttempt(db: Db, key: string, limit: AttemptLimit): Promise<Attempt> {
  const now = nowIso();
  const until = new Date(Date.now() + limit.lockMinutes * 60_000).toISOString();
  const next = sql<number>`case when login_attempts.locked_until is not null and login_attempts.locked_until <= ${now} then 1 else login_attempts.failures + 1 end`;
  const row = await db
    .insertInto('login_attempts')
    .values({ username: key, failures: 1, locked_until: null, updated_at: now })
    .onConflict((oc) =>
      oc.column('username').doUpdateSet({
        failures: next,
        locked_until: sql<
          string | null
        >`case when ${lockActive(now)} then login_attempts.locked_until when ${next} > ${limit.maxFailures} then ${until} else null end`,
        updated_at: now,
      }),
    )
    .returning(['failures', 'locked_until'])
    .executeTakeFirstOrThrow();
  const locked = row.locked_until !== null && row.locked_until > now;
  return { number: Number(row.failures), refused: locked || Number(row.failures) > limit.maxFailures };
}

/** Locks `key` for `lockMinutes` (a lock already running is left as it is). */
export async function lockName(trx: Trx, key: string, limit: AttemptLimit): Promise<void> {
  const now = nowIso();
  await trx
    .updateTable('login_attempts')
    .set({ locked_until: new Date(Date.now() + limit.lockMinutes * 60_000).toISOString(), updated_at: now })
    .where('username', '=', key)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
    .execute();
}

/**
 * Clears the count after a correct guess, unless a lock was set while that guess was being checked
 * (by the guess that reached the limit): then the correct guess is refused too. Returns whether the
 * count was cleared.
 */
export async function clearAttempts(db: Db, key: string): Promise<boolean> {
  const now = nowIso();
  await db
    .deleteFrom('login_attempts')
    .where('username', '=', key)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
    .execute();
  const left = await db
    .selectFrom('login_attempts')
    .select('locked_until')
    .where('username', '=', key)
    .executeTakeFirst();
  return !(left?.locked_until && left.locked_until > now);
}
