import { type Kysely, sql } from 'kysely';

// A user whose password someone else chose (an administrator creating the account, the CLI's
// first administrator) must choose a new one right after signing in. Until then the session can
// do nothing else, like a session that still has to enrol a second factor.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table users add column password_change_required boolean not null default false;

    alter table sessions drop constraint sessions_state_check;
    alter table sessions add constraint sessions_state_check
      check (state in ('active', 'second-factor-enrolment', 'password-change'));
  `.execute(db);
}
