import { type Kysely, sql } from 'kysely';

// Users record steps after the fact: the LOO held last week, the closure decided in Tuesday's
// DTO. Each event keeps the date the step happened, beside when (`at`) and by whom (`user_id`)
// it was recorded. Until now the two were one, so the recorded moment's date in the
// Netherlands is the best backfill; a case's start has had its own date all along.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table signal_events add column happened_on date;
    update signal_events set happened_on = (at at time zone 'Europe/Amsterdam')::date;
    alter table signal_events alter column happened_on set not null;

    alter table case_events add column happened_on date;
    update case_events set happened_on = (at at time zone 'Europe/Amsterdam')::date;
    -- A case starts on the date it was given, whenever it was registered.
    update case_events e set happened_on = c.started_on from cases c
      where c.id = e.case_id and e.type = 'started';
    alter table case_events alter column happened_on set not null;
  `.execute(db);
}
