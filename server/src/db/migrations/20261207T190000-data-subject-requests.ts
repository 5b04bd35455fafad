import { type Kysely, sql } from 'kysely';

// Data-subject requests: one contact point per region registers a request (identity checked),
// what was found about the person is kept per record with how it matched and how it was
// reviewed, a task per partner holding data has an owner and the statutory clock, and each
// found record carries that partner's decision with a legal ground for a refusal or restriction.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create sequence data_subject_request_reference_seq;

    create table data_subject_requests (
      id uuid primary key default gen_random_uuid(),
      region_id text not null references regions (id),
      reference text not null unique,
      kind text not null check (kind in ('access', 'rectification', 'erasure', 'restriction', 'objection')),
      received_on date not null,
      surname text not null,
      first_names text,
      date_of_birth date not null,
      bsn text,
      contact text not null,
      identity_check text not null check (identity_check in ('id-document-desk', 'id-document-copy', 'digid',
        'representative')),
      identity_checked_on date not null,
      details text,
      -- One month from receipt; three when the person was told in time why more is needed.
      deadline date not null,
      extension_notice_on date,
      extension_reason text,
      registered_by uuid references users (id) on delete set null,
      registered_at timestamptz not null,
      answered_on date,
      answered_by uuid references users (id) on delete set null,
      answer jsonb,
      check ((extension_notice_on is null) = (extension_reason is null)),
      check ((answered_on is null) = (answer is null)),
      check (identity_checked_on >= received_on - 90)
    );
    create index data_subject_requests_deadline on data_subject_requests (region_id, answered_on, deadline);

    -- One per partner that holds data about the person, owned by someone of that partner.
    create table data_subject_request_tasks (
      id uuid primary key default gen_random_uuid(),
      request_id uuid not null references data_subject_requests (id) on delete cascade,
      organisation_id uuid not null references partner_organisations (id),
      owner_id uuid references users (id) on delete set null,
      unique (request_id, organisation_id)
    );
    create index data_subject_request_tasks_owner on data_subject_request_tasks (owner_id);

    -- What was found: the record by kind and id (no foreign key: a record destroyed later leaves
    -- the request's account of it), its number, and the person as the record has them.
    create table data_subject_request_matches (
      id uuid primary key default gen_random_uuid(),
      request_id uuid not null references data_subject_requests (id) on delete cascade,
      task_id uuid not null references data_subject_request_tasks (id) on delete cascade,
      record_kind text not null check (record_kind in ('signal', 'case', 'round', 'register', 'log')),
      record_id uuid,
      label text not null,
      found text not null,
      matched_by text not null check (matched_by in ('bsn', 'name-and-birth')),
      review text not null check (review in ('pending', 'confirmed', 'rejected')),
      reviewed_by uuid references users (id) on delete set null,
      decision text check (decision in ('grant', 'restrict', 'refuse')),
      ground text check (ground in ('uavg-41-crime', 'uavg-41-supervision', 'uavg-41-others', 'avg-15-4',
        'wpg', 'wjsg', 'awr-67')),
      explanation text,
      decided_by uuid references users (id) on delete set null,
      decided_at timestamptz,
      -- Every refusal or restriction names its legal ground and says what and why.
      check (decision is null or decision = 'grant' or (ground is not null and explanation is not null)),
      check ((decision is null) = (decided_at is null)),
      check (decision is null or review = 'confirmed')
    );
    create index data_subject_request_matches_request on data_subject_request_matches (request_id);
    create index data_subject_request_matches_task on data_subject_request_matches (task_id);
  `.execute(db);
}
