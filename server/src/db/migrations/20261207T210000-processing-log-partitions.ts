import { type Kysely, sql } from 'kysely';

// The processing log at scale: partitioned by month (Europe/Amsterdam), so that its retention
// drops whole months instead of deleting rows. Appending creates a month's partition the first
// time it is needed. A month dropped leaves an anchor per chain (its last hash, keyed with the
// log's key) from which `audit verify` carries on across the gap.
//
// The months are those of `logged_at`, when the database wrote the record, not `started_at`: a
// record can only be appended after the one before it on its chain was committed, so `logged_at`
// follows each chain's order, where a request that started before midnight may be appended after
// one that started after it (another process), which would leave a month's last record in the
// middle of the chain.
//
// A partitioned table's unique indexes must hold the partition key, so the processing log can no
// longer refuse a fork of its own: the user-action log still does (unique chain and previous hash),
// and every append writes both logs on the same chain in one statement, so a fork of either fails.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table processing_log rename to processing_log_before_partitions;
    drop trigger processing_log_append_only on processing_log_before_partitions;
    drop trigger processing_log_no_truncate on processing_log_before_partitions;
    alter table processing_log_before_partitions drop constraint processing_log_record_type_check;

    create table processing_log (
      like processing_log_before_partitions including defaults including constraints including identity,
      logged_at timestamptz not null default clock_timestamp()
    ) partition by range (logged_at);
    alter table processing_log add constraint processing_log_record_type_check
      check (record_type in ('signal', 'case', 'subject', 'round', 'meeting', 'location', 'inspection'));
    alter table processing_log add primary key (seq, logged_at);
    create index processing_log_trace_month on processing_log (trace_id);
    create index processing_log_subject_month on processing_log (data_subject_pseudonym)
      where data_subject_pseudonym is not null;

    -- The month's partition, created once (two appends racing for it wait for one another). Made
    -- as a table and then attached: attaching locks the log only against other schema changes
    -- (SHARE UPDATE EXCLUSIVE), where CREATE ... PARTITION OF would wait for every transaction
    -- that read the log (the chain heads) and deadlock with one waiting here in turn.
    create function ensure_log_month(at timestamptz) returns void language plpgsql as $$
    declare
      first timestamptz := date_trunc('month', at, 'Europe/Amsterdam');
      name text := 'processing_log_' || to_char(first at time zone 'Europe/Amsterdam', 'YYYY_MM');
    begin
      if to_regclass(name) is not null then return; end if;
      perform pg_advisory_xact_lock(hashtext('processing_log_month'));
      -- Asked of the catalog with this statement's snapshot: the cache behind to_regclass need not
      -- have seen the partition that the transaction this one waited for made.
      if exists (select from pg_class where relname = name and relnamespace = current_schema()::regnamespace) then
        return;
      end if;
      execute format('create table %I (like processing_log including defaults including constraints)', name);
      execute format('alter table processing_log attach partition %I for values from (%L) to (%L)',
        name, first, ((first at time zone 'Europe/Amsterdam') + interval '1 month') at time zone 'Europe/Amsterdam');
      -- Row triggers reach a partition from the log; a statement trigger against TRUNCATE does not.
      execute format('create trigger %I before truncate on %I for each statement execute function refuse_log_change()',
        name || '_no_truncate', name);
    end $$;

    -- What a dropped month leaves: per chain its records' count and last hash, and an anchor (an
    -- HMAC over them with the log's key) so that nobody with only the database can forge one.
    create table processing_log_anchors (
      month date not null,
      chain smallint not null,
      records bigint not null,
      last_seq bigint not null,
      last_hash text not null,
      anchor text not null,
      dropped_at timestamptz not null,
      primary key (month, chain)
    );

    create or replace function append_log(processing jsonb, actions jsonb) returns void language plpgsql as $$
    declare
      -- One moment for the month and the rows, so that a call at midnight cannot miss its month.
      written timestamptz := clock_timestamp();
      m timestamptz;
    begin
      for m in select distinct date_trunc('month', coalesce((r ->> 'logged_at')::timestamptz, written), 'Europe/Amsterdam')
               from jsonb_array_elements(processing) r loop
        perform ensure_log_month(m);
      end loop;
      insert into processing_log (chain, trace_id, span_id, parent_span_id, name, status, started_at, ended_at,
        processing_activity_id, processing_activity_version, data_subject_type, data_subject_pseudonym,
        record_type, record_id, previous_hash, hash, logged_at)
      select chain, trace_id, span_id, parent_span_id, name, status, started_at, ended_at,
        processing_activity_id, processing_activity_version, data_subject_type, data_subject_pseudonym,
        record_type, record_id, previous_hash, hash, coalesce(logged_at, written)
      from jsonb_to_recordset(processing) as x(chain smallint, trace_id text, span_id text, parent_span_id text,
        name text, status text, started_at timestamptz, ended_at timestamptz, processing_activity_id text,
        processing_activity_version integer, data_subject_type text, data_subject_pseudonym text,
        record_type text, record_id uuid, previous_hash text, hash text, logged_at timestamptz);
      insert into user_action_log (chain, trace_id, span_id, at, actor_type, user_id, api_token_id, organisation_id,
        region_id, roles, purpose, action, result, client_address, user_agent, previous_hash, hash)
      select chain, trace_id, span_id, at, actor_type, user_id, api_token_id, organisation_id,
        region_id, roles, purpose, action, result, client_address, user_agent, previous_hash, hash
      from jsonb_to_recordset(actions) as x(chain smallint, trace_id text, span_id text, at timestamptz,
        actor_type text, user_id uuid, api_token_id uuid, organisation_id uuid, region_id text, roles text[],
        purpose text, action text, result text, client_address text, user_agent text, previous_hash text, hash text);
    end $$;

    -- The records so far move into their months, with their sequence numbers.
    do $$
    declare m timestamptz;
    begin
      for m in select distinct date_trunc('month', started_at, 'Europe/Amsterdam') from processing_log_before_partitions loop
        perform ensure_log_month(m);
      end loop;
    end $$;
    insert into processing_log overriding system value select *, started_at from processing_log_before_partitions;
    select setval(pg_get_serial_sequence('processing_log', 'seq'),
      coalesce((select max(seq) from processing_log_before_partitions), 0) + 1, false);
    drop table processing_log_before_partitions;

    create trigger processing_log_append_only before update or delete on processing_log
      for each row execute function refuse_log_change();
    create trigger processing_log_no_truncate before truncate on processing_log
      for each statement execute function refuse_log_change();
    create trigger processing_log_anchors_append_only before update or delete on processing_log_anchors
      for each row execute function refuse_log_change();
    create trigger processing_log_anchors_no_truncate before truncate on processing_log_anchors
      for each statement execute function refuse_log_change();
  `.execute(db);
}
