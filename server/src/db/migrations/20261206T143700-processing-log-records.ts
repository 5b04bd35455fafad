import { type Kysely, sql } from 'kysely';

// Each processing record names the record it concerned (a signal, a case, a register subject,
// a hit/no-hit round or a meeting), so that the privacy officer reads "SIG-2026-0012" beside an
// entry instead of only a trace id. Earlier records have none; the hash covers the record only
// when there is one, so they verify as they were written.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table processing_log
      add column record_type text check (record_type in ('signal', 'case', 'subject', 'round', 'meeting')),
      add column record_id uuid,
      add check ((record_type is null) = (record_id is null));

    create or replace function append_log(processing jsonb, actions jsonb) returns void language plpgsql as $$
    begin
      insert into processing_log (chain, trace_id, span_id, parent_span_id, name, status, started_at, ended_at,
        processing_activity_id, processing_activity_version, data_subject_type, data_subject_pseudonym,
        record_type, record_id, previous_hash, hash)
      select chain, trace_id, span_id, parent_span_id, name, status, started_at, ended_at,
        processing_activity_id, processing_activity_version, data_subject_type, data_subject_pseudonym,
        record_type, record_id, previous_hash, hash
      from jsonb_to_recordset(processing) as x(chain smallint, trace_id text, span_id text, parent_span_id text,
        name text, status text, started_at timestamptz, ended_at timestamptz, processing_activity_id text,
        processing_activity_version integer, data_subject_type text, data_subject_pseudonym text,
        record_type text, record_id uuid, previous_hash text, hash text);
      insert into user_action_log (chain, trace_id, span_id, at, actor_type, user_id, api_token_id, organisation_id,
        region_id, roles, purpose, action, result, client_address, user_agent, previous_hash, hash)
      select chain, trace_id, span_id, at, actor_type, user_id, api_token_id, organisation_id,
        region_id, roles, purpose, action, result, client_address, user_agent, previous_hash, hash
      from jsonb_to_recordset(actions) as x(chain smallint, trace_id text, span_id text, at timestamptz,
        actor_type text, user_id uuid, api_token_id uuid, organisation_id uuid, region_id text, roles text[],
        purpose text, action text, result text, client_address text, user_agent text, previous_hash text, hash text);
    end $$;
  `.execute(db);
}
