import { type Kysely, sql } from 'kysely';

// Each module keeps what it needs in its own tables, so that no module reads another's:
// - a subject stores its merged root (kept on merge and undo) instead of walking merge chains;
// - a sighting keeps the source's own data, and for a signal's sighting the case the signal
//   became (the two are one matter), so the register needs neither case nor signal tables;
// - a hit/no-hit round names its region, so its rules need not read the signal.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table subjects add column root_id uuid references subjects (id);
    with recursive up as (
      select id, id as start, merged_into, 0 as depth from subjects
      union all
      select s.id, up.start, s.merged_into, up.depth + 1 from subjects s join up on s.id = up.merged_into
      where up.depth < 50
    )
    update subjects t set root_id = up.id from up where up.start = t.id and up.merged_into is null;
    update subjects set root_id = id where root_id is null;
    alter table subjects alter column root_id set not null;
    create index subjects_root on subjects (root_id);
    create function subjects_root_default() returns trigger language plpgsql as $$
    begin
      if new.root_id is null then new.root_id := new.id; end if;
      return new;
    end $$;
    create trigger subjects_root_default before insert on subjects
      for each row execute function subjects_root_default();

    alter table subject_sightings add column data jsonb;
    update subject_sightings g set data = coalesce(
      (select cs.data from case_subjects cs where cs.id = g.case_subject_id),
      (select ss.data from signal_subjects ss where ss.id = g.signal_subject_id),
      (select s.data from subjects s where s.id = g.subject_id));
    alter table subject_sightings alter column data set not null;

    alter table subject_sightings add column signal_case_id uuid references cases (id) on delete set null;
    update subject_sightings g set signal_case_id = cs.case_id
      from case_signals cs where cs.signal_id = g.signal_id and g.case_id is null;
    create index subject_sightings_signal_case on subject_sightings (signal_case_id) where signal_case_id is not null;

    alter table hitcheck_rounds add column region_id text references regions (id);
    update hitcheck_rounds r set region_id = s.region_id from signals s where s.id = r.signal_id;
    alter table hitcheck_rounds alter column region_id set not null;
  `.execute(db);
}
