import path from 'node:path';
import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65535);

const environment = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgres:// or postgresql:// URL')
    .optional(),
  SAMENSPEL_DATA_DIR: z.string().min(1).default('./data'),
  SAMENSPEL_HOST: z.string().min(1).default('127.0.0.1'),
  SAMENSPEL_PORT: port.default(8080),
  SAMENSPEL_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SAMENSPEL_WEB_DIR: z.string().min(1).optional(),
  SAMENSPEL_ENV: z.enum(['production', 'development']).default('development'),
  SAMENSPEL_MASTER_KEY: z
    .string()
    .regex(/^[A-Za-z0-9+/_-]{43,}={0,2}$/, 'SAMENSPEL_MASTER_KEY must be at least 32 bytes, base64')
    .optional(),
  SAMENSPEL_ATTACHMENTS_DIR: z.string().min(1).default('./attachments'),
  SAMENSPEL_ATTACHMENT_MAX_MB: z.coerce.number().int().min(1).max(1024).default(25),
  SAMENSPEL_KEY_FILE: z.string().min(1).default('./samenspel-master.key'),
  SAMENSPEL_PUBLIC_URL: z.url().optional(),
  SAMENSPEL_COOKIE_SECURE: z.enum(['true', 'false']).default('true'),
  SAMENSPEL_SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  SAMENSPEL_SESSION_MAX_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 24)
    .default(12),
  SAMENSPEL_OIDC_ISSUER: z.url().optional(),
  SAMENSPEL_OIDC_CLIENT_ID: z.string().min(1).optional(),
  SAMENSPEL_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  SAMENSPEL_OIDC_NAME: z.string().min(1).default('eigen organisatie'),
  SAMENSPEL_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^\s]+$/, 'SAMENSPEL_SMTP_URL must be an smtp:// or smtps:// URL')
    .optional(),
  SAMENSPEL_MAIL_FROM: z.string().min(3).optional(),
  SAMENSPEL_MAP_TILES: z
    .string()
    .regex(
      /^https:\/\/[^\s{}]+\/[^\s]*\{z\}[^\s]*\{x\}[^\s]*\{y\}[^\s]*$/,
      'SAMENSPEL_MAP_TILES must be an https:// URL template with {z}, {x} and {y}',
    )
    .optional(),
  SAMENSPEL_MAP_TILES_ATTRIBUTION: z.string().min(3).max(300).optional(),
  // The processing log's retention in whole months: at least six (the BIO's minimum for logs).
  SAMENSPEL_LOG_RETENTION_MONTHS: z.coerce
    .number()
    .int()
    .min(6, 'SAMENSPEL_LOG_RETENTION_MONTHS must be at least 6 (the BIO keeps logs half a year at least)')
    .max(240)
    .default(60),
});

export type DatabaseConfig =
  | { engine: 'pglite'; dataDir: string | undefined }
  | { engine: 'postgresql'; connectionString: string };

export interface Config {
  database: DatabaseConfig;
  host: string;
  port: number;
  logLevel: z.infer<typeof environment>['SAMENSPEL_LOG_LEVEL'];
  /** Built web app to serve on the same port; absent in API-only runs. */
  webDir: string;
  /** Production refuses demo accounts and never prints secrets. */
  production: boolean;
  /** Base64 master key from the environment; otherwise a key file in the data directory. */
  masterKey: string | undefined;
  /** Where the generated master key lives when the environment gives none; never in the database. */
  keyFile: string;
  auth: AuthConfig;
  attachments: AttachmentsConfig;
  /** Notification e-mails; null: notifications in the app only. */
  mail: MailConfig | null;
  /** A base map's tiles under the maps; null: the boundaries are the whole map (no third party). */
  mapTiles: MapTilesConfig | null;
  /** How many whole months the processing log keeps before a month is dropped. */
  logRetentionMonths: number;
}

/** A tile server for a base map, e.g. PDOK's BRT-Achtergrondkaart. */
export interface MapTilesConfig {
  /** `https://…/{z}/{x}/{y}.png` (Leaflet's URL template). */
  url: string;
  /** Who the tiles are from, shown on the map. */
  attribution: string;
}

/** Where and how notification e-mails go out. */
export interface MailConfig {
  /** `smtp://host:port`, `smtps://user:password@host:465`, … (nodemailer's connection URL). */
  smtpUrl: string;
  /** The sender, e.g. `Samenspel <noreply@samenspel.example.nl>`. */
  from: string;
  /** Where the mails' links lead: the address browsers use. */
  publicUrl: string;
}

export interface AttachmentsConfig {
  /** Encrypted attachments live here, outside the database. */
  dir: string;
  maxBytes: number;
}

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Shown on the sign-in button: "Inloggen via …". */
  name: string;
}

export interface AuthConfig {
  cookieSecure: boolean;
  idleMinutes: number;
  maxHours: number;
  /** Where browsers reach Samenspel, for the OIDC redirect; defaults to the request's host. */
  publicUrl: string | undefined;
  oidc: OidcConfig | null;
}

export class ConfigError extends Error {}

/** Reads the configuration from environment variables; every variable is listed in the README. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = environment.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  // A mail is only a link into Samenspel, so it needs the address people open Samenspel at.
  if (e.SAMENSPEL_MAP_TILES && !e.SAMENSPEL_MAP_TILES_ATTRIBUTION)
    throw new ConfigError(
      'Invalid configuration:\n  SAMENSPEL_MAP_TILES needs SAMENSPEL_MAP_TILES_ATTRIBUTION: a base map says whose it is',
    );
  if (e.SAMENSPEL_SMTP_URL && !e.SAMENSPEL_PUBLIC_URL)
    throw new ConfigError(
      'Invalid configuration:\n  SAMENSPEL_SMTP_URL needs SAMENSPEL_PUBLIC_URL: the mails link to Samenspel there',
    );
  return {
    database: e.DATABASE_URL
      ? { engine: 'postgresql', connectionString: e.DATABASE_URL }
      : { engine: 'pglite', dataDir: path.resolve(e.SAMENSPEL_DATA_DIR) },
    host: e.SAMENSPEL_HOST,
    port: e.SAMENSPEL_PORT,
    logLevel: e.SAMENSPEL_LOG_LEVEL,
    webDir: path.resolve(e.SAMENSPEL_WEB_DIR ?? new URL('../../web/dist', import.meta.url).pathname),
    production: e.SAMENSPEL_ENV === 'production',
    masterKey: e.SAMENSPEL_MASTER_KEY,
    keyFile: path.resolve(e.SAMENSPEL_KEY_FILE),
    attachments: {
      dir: path.resolve(e.SAMENSPEL_ATTACHMENTS_DIR),
      maxBytes: e.SAMENSPEL_ATTACHMENT_MAX_MB * 1024 * 1024,
    },
    auth: {
      cookieSecure: e.SAMENSPEL_COOKIE_SECURE === 'true',
      idleMinutes: e.SAMENSPEL_SESSION_IDLE_MINUTES,
      maxHours: e.SAMENSPEL_SESSION_MAX_HOURS,
      publicUrl: e.SAMENSPEL_PUBLIC_URL,
      oidc:
        e.SAMENSPEL_OIDC_ISSUER && e.SAMENSPEL_OIDC_CLIENT_ID && e.SAMENSPEL_OIDC_CLIENT_SECRET
          ? {
              issuer: e.SAMENSPEL_OIDC_ISSUER,
              clientId: e.SAMENSPEL_OIDC_CLIENT_ID,
              clientSecret: e.SAMENSPEL_OIDC_CLIENT_SECRET,
              name: e.SAMENSPEL_OIDC_NAME,
            }
          : null,
    },
    mail:
      e.SAMENSPEL_SMTP_URL && e.SAMENSPEL_PUBLIC_URL
        ? {
            smtpUrl: e.SAMENSPEL_SMTP_URL,
            from: e.SAMENSPEL_MAIL_FROM ?? `Samenspel <noreply@${new URL(e.SAMENSPEL_PUBLIC_URL).hostname}>`,
            publicUrl: e.SAMENSPEL_PUBLIC_URL,
          }
        : null,
    mapTiles:
      e.SAMENSPEL_MAP_TILES && e.SAMENSPEL_MAP_TILES_ATTRIBUTION
        ? { url: e.SAMENSPEL_MAP_TILES, attribution: e.SAMENSPEL_MAP_TILES_ATTRIBUTION }
        : null,
    logRetentionMonths: e.SAMENSPEL_LOG_RETENTION_MONTHS,
  };
}
