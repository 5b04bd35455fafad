import { type Kysely, sql } from 'kysely';

// Users, sessions, API tokens, and the two append-only, hash-chained logs.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table region_security (
      region_id text primary key references regions (id),
      -- 'personal-data-roles': a second factor for every role that can see personal data; 'all-roles': for everyone
      second_factor_required_for text not null default 'personal-data-roles'
        check (second_factor_required_for in ('personal-data-roles', 'all-roles'))
    );

    create table users (
      id uuid primary key default gen_random_uuid(),
      region_id text not null references regions (id),
      organisation_id uuid not null references partner_organisations (id),
      email text not null check (email = lower(email)),
      display_name text not null,
      password_hash text,
      totp_secret text,
      totp_confirmed_at timestamptz,
      totp_last_step bigint,
      oidc_issuer text,
      oidc_subject text,
      active boolean not null default true,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create unique index users_email on users (email);
    create unique index users_oidc on users (oidc_issuer, oidc_subject) where oidc_subject is not null;
    create index users_region on users (region_id, organisation_id);

    create table user_roles (
      user_id uuid not null references users (id) on delete cascade,
      role text not null check (role in ('partner_staff', 'riec_analyst', 'case_director', 'meeting_chair',
        'programme_manager', 'privacy_officer', 'administrator')),
      primary key (user_id, role)
    );

    create table recovery_codes (
      user_id uuid not null references users (id) on delete cascade,
      code_hash text not null,
      used_at timestamptz,
      primary key (user_id, code_hash)
    );

    create table sessions (
      token_hash text primary key,
      user_id uuid not null references users (id) on delete cascade,
      state text not null check (state in ('active', 'second-factor-enrolment')),
      method text not null check (method in ('password', 'oidc')),
      csrf_token text not null,
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now(),
      expires_at timestamptz not null,
      revoked_at timestamptz,
      client_address text,
      user_agent text
    );
    create index sessions_user on sessions (user_id) where revoked_at is null;

    create table api_tokens (
      id uuid primary key default gen_random_uuid(),
      region_id text not null references regions (id),
      organisation_id uuid not null references partner_organisations (id),
      name text not null,
      prefix text not null,
      token_hash text not null unique,
      permissions text[] not null check (cardinality(permissions) > 0),
      created_by uuid references users (id) on delete set null,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      revoked_at timestamptz,
      last_used_at timestamptz
    );

    -- Failed sign-ins per key (a keyed hash of the e-mail address, or the client address), for back-off.
    create table sign_in_throttle (
      key text primary key,
      failures integer not null,
      last_failure_at timestamptz not null,
      blocked_until timestamptz
    );

    create table oidc_requests (
      state text primary key,
      code_verifier text not null,
      nonce text not null,
      created_at timestamptz not null default now()
    );

    create table processing_activities (
      id text not null,
      version integer not null check (version > 0),
      name text not null,
      purpose text not null,
      legal_basis text not null,
      data_subject_categories text[] not null,
      personal_data_categories text[] not null,
      retention text not null,
      valid_from date not null,
      primary key (id, version)
    );

    -- Both logs are split over a fixed number of hash chains, so that concurrent transactions
    -- append to different chains instead of queueing behind one another; each chain is verified alone.
    create table processing_log (
      seq bigint generated always as identity primary key,
      chain smallint not null check (chain >= 0),
      trace_id text not null check (trace_id ~ '^[0-9a-f]{32}$'),
      span_id text not null check (span_id ~ '^[0-9a-f]{16}$'),
      parent_span_id text check (parent_span_id ~ '^[0-9a-f]{16}$'),
      name text not null,
      status text not null check (status in ('ok', 'error')),
      started_at timestamptz not null,
      ended_at timestamptz not null,
      processing_activity_id text not null,
      processing_activity_version integer not null,
      data_subject_type text check (data_subject_type in ('employee', 'person', 'company')),
      data_subject_pseudonym text,
      previous_hash text not null,
      hash text not null,
      -- No foreign key to processing_activities: its check would lock the activity's row in every
      -- logging transaction; the service only logs activities it found in the register.
      check ((data_subject_type is null) = (data_subject_pseudonym is null))
    );
    -- Each record follows exactly one predecessor: a chain cannot fork.
    create unique index processing_log_link on processing_log (chain, previous_hash);
    create index processing_log_trace on processing_log (trace_id);
    create index processing_log_subject on processing_log (data_subject_pseudonym) where data_subject_pseudonym is not null;
    -- Every read writes to these tables: few indexes, and BRIN where time order is the row order.
    create index processing_log_started on processing_log using brin (started_at);

    -- No foreign keys to users or tokens: the log outlives the accounts it names.
    create table user_action_log (
      seq bigint generated always as identity primary key,
      chain smallint not null check (chain >= 0),
      trace_id text not null check (trace_id ~ '^[0-9a-f]{32}$'),
      -- the request's span: the root of the processing records this action left
      span_id text not null check (span_id ~ '^[0-9a-f]{16}$'),
      at timestamptz not null,
      actor_type text not null check (actor_type in ('user', 'api-token', 'anonymous')),
      user_id uuid,
      api_token_id uuid,
      organisation_id uuid,
      region_id text,
      roles text[] not null,
      purpose text,
      action text not null,
      result text not null check (result in ('success', 'denied', 'invalid', 'failed')),
      client_address text,
      user_agent text,
      previous_hash text not null,
      hash text not null
    );
    create unique index user_action_log_link on user_action_log (chain, previous_hash);
    create index user_action_log_trace on user_action_log (trace_id, span_id);
    create index user_action_log_user on user_action_log (user_id, at);

    -- Appends a batch of both logs. A function, so that its two inserts are planned once per
    -- connection instead of on every call; the rows arrive as JSON, already hash-chained.
    create function append_log(processing jsonb, actions jsonb) returns void language plpgsql as $$
    begin
      insert into processing_log (chain, trace_id, span_id, parent_span_id, name, status, started_at, ended_at,
        processing_activity_id, processing_activity_version, data_subject_type, data_subject_pseudonym, previous_hash, hash)
      select chain, trace_id, span_id, parent_span_id, name, status, started_at, ended_at,
        processing_activity_id, processing_activity_version, data_subject_type, data_subject_pseudonym, previous_hash, hash
      from jsonb_to_recordset(processing) as x(chain smallint, trace_id text, span_id text, parent_span_id text,
        name text, status text, started_at timestamptz, ended_at timestamptz, processing_activity_id text,
        processing_activity_version integer, data_subject_type text, data_subject_pseudonym text,
        previous_hash text, hash text);
      insert into user_action_log (chain, trace_id, span_id, at, actor_type, user_id, api_token_id, organisation_id,
        region_id, roles, purpose, action, result, client_address, user_agent, previous_hash, hash)
      select chain, trace_id, span_id, at, actor_type, user_id, api_token_id, organisation_id,
        region_id, roles, purpose, action, result, client_address, user_agent, previous_hash, hash
      from jsonb_to_recordset(actions) as x(chain smallint, trace_id text, span_id text, at timestamptz,
        actor_type text, user_id uuid, api_token_id uuid, organisation_id uuid, region_id text, roles text[],
        purpose text, action text, result text, client_address text, user_agent text, previous_hash text, hash text);
    end $$;

    create function refuse_log_change() returns trigger language plpgsql as $$
    begin
      raise exception 'the % is append-only: % refused', tg_table_name, lower(tg_op)
        using errcode = 'insufficient_privilege';
    end $$;
    create trigger processing_log_append_only before update or delete on processing_log
      for each row execute function refuse_log_change();
    create trigger processing_log_no_truncate before truncate on processing_log
      for each statement execute function refuse_log_change();
    create trigger user_action_log_append_only before update or delete on user_action_log
      for each row execute function refuse_log_change();
    create trigger user_action_log_no_truncate before truncate on user_action_log
      for each statement execute function refuse_log_change();
  `.execute(db);
}
