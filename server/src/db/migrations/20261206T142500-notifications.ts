import { type Kysely, sql } from 'kysely';

// In-app notifications and their e-mails. A notification carries no personal data: a short
// Dutch text with at most a reference or a case's code name, and a path in the app.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table notifications (
      id uuid primary key default gen_random_uuid(),
      recipient_id uuid not null references users (id) on delete cascade,
      kind text not null check (kind in
        ('hitcheck-request', 'deadline-near', 'deadline-passed', 'signal-decided', 'case-added')),
      link text not null check (link like '/%'),
      text text not null,
      created_at timestamptz not null,
      read_at timestamptz
    );
    create index notifications_recipient on notifications (recipient_id, created_at desc);
    create index notifications_unread on notifications (recipient_id) where read_at is null;
    create index notifications_created on notifications (created_at);

    -- What was notified once only (a deadline reminder per round, organisation and kind): a
    -- second sweep finds the key and notifies nobody.
    create table notification_triggers (
      key text primary key,
      created_at timestamptz not null
    );

    -- A user's choice of e-mail per kind; without a row, the mail is sent.
    create table notification_preferences (
      user_id uuid not null references users (id) on delete cascade,
      kind text not null check (kind in
        ('hitcheck-request', 'deadline-near', 'deadline-passed', 'signal-decided', 'case-added')),
      email boolean not null,
      primary key (user_id, kind)
    );

    -- The outbox: one mail per notification at most (its key), written in the step's own
    -- transaction and sent after commit; a failed send waits and is tried again.
    create table notification_mails (
      notification_id uuid primary key references notifications (id) on delete cascade,
      created_at timestamptz not null,
      attempts integer not null default 0,
      next_attempt_at timestamptz not null,
      claimed_until timestamptz,
      sent_at timestamptz,
      last_error text
    );
    create index notification_mails_due on notification_mails (next_attempt_at) where sent_at is null;
  `.execute(db);
}
