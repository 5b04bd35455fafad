// The baseline of a logged read of personal data: `GET /api/v1/users/{id}` on bare `node:http`
// and `pg`, without Fastify, Kysely, zod or the services. It runs the same SQL as Samenspel does
// for that request (the session, then in one transaction the access check, the read, the chain's
// head when it is not known and the append to both logs) and builds the same log records with
// the same hash chain (the audit module's own functions), so the difference to the real endpoint is what the framework around the
// work costs.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import {
  AuditRecorder,
  appendLogParameters,
  CHAINS,
  type ChainHeads,
  GENESIS,
  isChainConflict,
  traceFrom,
  traceparentOf,
} from '../../server/src/modules/audit/index.ts';
import { LIVE_SESSION } from '../../server/src/modules/auth/index.ts';
import { presentUser } from '../../server/src/modules/users/index.ts';
import type { RequestContext } from '../../server/src/shared/context.ts';
import type { Keys } from '../../server/src/shared/crypto.ts';
import { sha256 } from '../../server/src/shared/crypto.ts';

const ACCESS = 'select "u"."id" from "users" as "u" where "u"."id" in ($1) and "u"."region_id" = $2';
const USER = `select "u"."id", "u"."region_id", "u"."organisation_id", "o"."code" as "organisation_code",
  "o"."name" as "organisation_name", "u"."email", "u"."display_name", "u"."password_hash", "u"."totp_secret",
  "u"."totp_confirmed_at", "u"."totp_last_step", "u"."oidc_issuer", "u"."oidc_subject", "u"."active",
  "u"."created_at", "u"."password_change_required",
  coalesce((select array_agg(r.role order by r.role) from user_roles r where r.user_id = u.id), '{}') as "roles"
  from "users" as "u" inner join "partner_organisations" as "o" on "o"."id" = "u"."organisation_id" where "u"."id" = $1`;
const HEADS = `select (select hash from processing_log where chain = $1 order by seq desc limit 1) as processing,
  (select hash from user_action_log where chain = $2 order by seq desc limit 1) as action`;

const camel = (row: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(row).map(([k, v]) => [k.replace(/_(\w)/g, (_, c: string) => c.toUpperCase()), v]),
  );

export async function startRawRead(options: {
  connectionString: string;
  keys: Keys;
  cookieName: string;
  idleMinutes: number;
}): Promise<{ url: string; close: () => Promise<void> }> {
  const pool = new pg.Pool({ connectionString: options.connectionString, max: 10 });
  const { rows: activities } = await pool.query<{ version: number }>(
    "select max(version) as version from processing_activities where id = 'samenspel.user-administration'",
  );
  const version = Number(activities[0]?.version);
  const heads = new Map<number, ChainHeads>();
  const free = Array.from({ length: CHAINS }, (_, i) => i);

  async function read(client: pg.PoolClient, context: RequestContext, userId: string, chain: number) {
    const recorder = new AuditRecorder(
      context,
      { action: 'user.read', activity: 'samenspel.user-administration' },
      options.keys.pseudonym,
    );
    await client.query('begin');
    try {
      const actor = context.actor;
      if (actor?.kind !== 'user') throw new Error('no user');
      const allowed = await client.query(ACCESS, [userId, actor.regionId]);
      if (!allowed.rowCount) throw new Error('not found');
      const { rows } = await client.query(USER, [userId]);
      const user = camel(rows[0]) as unknown as Parameters<typeof presentUser>[0];
      recorder.subject({ type: 'employee', email: user.email });
      const body = JSON.stringify(presentUser(user));
      let head = heads.get(chain);
      if (!head) {
        const loaded = (await client.query(HEADS, [chain, chain])).rows[0];
        head = { processing: loaded?.processing ?? GENESIS, action: loaded?.action ?? GENESIS };
      }
      const { processing, actions } = recorder.records(version);
      const appended = appendLogParameters(options.keys.audit, chain, head, processing, actions);
      await client.query('select append_log($1::jsonb, $2::jsonb)', appended.parameters);
      await client.query('commit');
      heads.set(chain, appended.heads);
      return body;
    } catch (error) {
      await client.query('rollback');
      heads.delete(chain);
      throw error;
    }
  }

  const server = http.createServer((request, response) => {
    void (async () => {
      const trace = traceFrom(request.headers.traceparent as string | undefined);
      const match = /^\/api\/v1\/users\/([0-9a-f-]{36})$/.exec(request.url ?? '');
      const cookie = (request.headers.cookie ?? '')
        .split(/;\s*/)
        .find((c) => c.startsWith(`${options.cookieName}=`))
        ?.slice(options.cookieName.length + 1);
      if (!match?.[1] || !cookie) {
        response.writeHead(404).end();
        return;
      }
      const client = await pool.connect();
      const chain = free.pop() ?? 0;
      try {
        const now = new Date();
        const idleSince = new Date(now.getTime() - options.idleMinutes * 60_000);
        // The app's own statement, prepared per connection as the app's pool does.
        const session = (
          await client.query({
            name: 'samenspel_live_session',
            text: LIVE_SESSION,
            values: [sha256(decodeURIComponent(cookie)), now, idleSince],
          })
        ).rows[0];
        if (!session) {
          response.writeHead(401).end();
          return;
        }
        const context: RequestContext = {
          actor: {
            kind: 'user',
            userId: session.user_id,
            email: session.email,
            regionId: session.region_id,
            organisationId: session.organisation_id,
            roles: session.roles,
            pendingSecondFactor: session.state !== 'active',
            sessionHash: session.token_hash,
          },
          trace,
          client: {
            address: request.socket.remoteAddress ?? null,
            userAgent: request.headers['user-agent'] ?? null,
          },
          record: null,
        };
        let body: string;
        for (;;) {
          try {
            body = await read(client, context, match[1], chain);
            break;
          } catch (error) {
            if (!isChainConflict(error)) throw error;
          }
        }
        response.writeHead(200, {
          'content-type': 'application/json; charset=utf-8',
          traceparent: traceparentOf(trace),
        });
        response.end(body);
      } catch {
        response.writeHead(500).end();
      } finally {
        free.push(chain);
        client.release();
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await pool.end();
    },
  };
}
