import { isIP } from "node:net";
import path from "node:path";
import { z } from "zod";

/** An IP address or a CIDR block ("10.0.0.0/8", "fd00::/8"). */
function isAddressOrBlock(value: string) {
  const [address, bits, ...rest] = value.split("/");
  const family = isIP(address);
  if (!family || rest.length) return false;
  if (bits === undefined) return true;
  const prefix = Number(bits);
  return /^\d{1,3}$/.test(bits) && prefix <= (family === 4 ? 32 : 128);
}

/** One RTCIceServer: "stun:", "turn:" or "turns:" URLs, with TURN's username and credential. */
const iceServersSchema = z
  .array(
    z
      .object({
        urls: z.union([z.string().regex(/^(stun|turns?):/), z.array(z.string().regex(/^(stun|turns?):/)).min(1)]),
        username: z.string().optional(),
        credential: z.string().optional(),
      })
      .strict(),
  )
  .max(10);
export type IceServer = z.infer<typeof iceServersSchema>[number];

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** file:… for SQLite (the embedded default) or postgresql://… for the PostgreSQL profile (decision record 011). */
  DATABASE_URL: z
    .string()
    .regex(
      /^(file:|postgres(ql)?:\/\/)/,
      "DATABASE_URL must be a file: URL (SQLite) or a postgresql:// URL (PostgreSQL)",
    )
    .default("file:./data/app.db"),
  CONTENT_DIR: z.string().default("content"),
  CONTENT_CACHE_DIR: z.string().default(".content-cache"),
  /** Where "Edit this page" links point: the repository's edit URL up to the content path. */
  EDIT_BASE_URL: z.string().url().default("https://github.com/techflow-solutions/help-center/edit/main/"),
  /** Ticket attachments, stored under their SHA-256 outside the web root. */
  ATTACHMENTS_DIR: z.string().default("data/attachments"),
  /** The embedded search index (SQLite FTS5), a file of its own. */
  SEARCH_DB: z.string().default("data/search.db"),
  /** When set, search goes to Meilisearch, with the embedded index as fallback. */
  MEILI_URL: z.string().url().optional(),
  MEILI_MASTER_KEY: z.string().optional(),
  /** Days that search analytics rows are kept. */
  SEARCH_ANALYTICS_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  /** SMTP server for outgoing mail (smtp://user:pass@host:port); without it mail goes to the outbox table. */
  SMTP_URL: z.string().url().optional(),
  /** Where on-call pages go as PagerDuty Events API v2 events (https://events.pagerduty.com/v2/enqueue); unset: mail and in-app only. */
  ONCALL_WEBHOOK_URL: z.string().url().optional(),
  /** The PagerDuty integration key sent as routing_key with each event. */
  ONCALL_ROUTING_KEY: z.string().max(64).default(""),
  MAIL_FROM: z.string().default("TechFlow Help Center <no-reply@techflowsolutions.com>"),
  /**
   * The site's public origin (https://help.techflowsolutions.com). Links in mail and the accepted Host values come
   * from here, never from the request. Required in production; defaults to http://localhost:<PORT> otherwise.
   */
  PUBLIC_URL: z
    .string()
    .url()
    .refine((value) => ["http:", "https:"].includes(new URL(value).protocol), "PUBLIC_URL must be an http(s) URL")
    .optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  /** Behind a reverse proxy we run: believe its X-Forwarded-For and X-Forwarded-Proto. Without it both are ignored. */
  TRUST_PROXY: z.enum(["true", "false"], { message: "TRUST_PROXY must be true or false" }).default("false"),
  /**
   * Comma-separated proxy addresses or CIDR blocks (10.0.0.0/8). The client address is the right-most
   * X-Forwarded-For entry not in this list; unset, only the nearest hop (the socket peer) is trusted.
   */
  TRUSTED_PROXIES: z
    .string()
    .optional()
    .transform((value) =>
      (value ?? "")
        .split(",")
        .map((item) => item.trim())
        .filter(Boolean),
    )
    .refine(
      (items) => items.every(isAddressOrBlock),
      "TRUSTED_PROXIES must be comma-separated IP addresses or CIDR blocks",
    ),
  /** The anonymous page cache (server/page-cache.ts); "off" renders every request (the bench's uncached run). */
  PAGE_CACHE: z.enum(["on", "off"], { message: "PAGE_CACHE must be on or off" }).default("on"),
  /** Lets a production build show drafts (used by the preview deploy). */
  SHOW_DRAFTS: z.enum(["true", "false"]).default("false"),
  /** "off" keeps this process from running scheduled jobs (app/jobs); they never run under NODE_ENV=test. */
  JOBS: z.enum(["on", "off"]).default("on"),
  /**
   * When a write's queued tasks (indexing, notifications) run: "background" after the response, by this
   * process's task worker; "inline" before the write returns (the default under NODE_ENV=test, so a test
   * reads a write's outcome without waiting). Unset: inline under tests, background otherwise.
   */
  TASKS: z.enum(["background", "inline"]).optional(),
  /** Signs links that work without signing in (one-click unsubscribe). Required in production; at least 32 characters. */
  APP_SECRET: z
    .string()
    .min(32, "APP_SECRET must be at least 32 characters (for example: openssl rand -hex 32)")
    .optional(),
  /** Connections in this process's PostgreSQL pool (the PostgreSQL profile). */
  PG_POOL_SIZE: z.coerce.number().int().min(1, "PG_POOL_SIZE must be at least 1").max(500).default(10),
  /**
   * ts_rank_cd's normalisation bitmask for PostgreSQL search; 1 divides by 1 + log(length), BM25's length
   * penalty in spirit. Other values are for relevance experiments (npm run search:relevance).
   */
  PG_RANK_NORMALIZATION: z.coerce.number().int().min(0).max(63).default(1),
  /**
   * Live chat: the most chat streams (panels, consoles) one person may hold open on one instance; past it
   * a new one gets 429. The chat benchmark raises it to open hundreds from one account.
   */
  CHAT_STREAMS_PER_USER: z.coerce.number().int().min(1).max(100_000).default(6),
  /**
   * Live chat's screen sharing: the STUN/TURN servers both browsers give RTCPeerConnection, as a JSON list
   * of RTCIceServer objects, e.g. [{"urls":"stun:stun.example.com:3478"},{"urls":"turn:turn.example.com:3478",
   * "username":"u","credential":"p"}]. Unset: none, so only host candidates (browsers on one network, as on
   * a LAN or in the tests); peers behind different NATs need at least a STUN server, most firewalls a TURN.
   */
  CHAT_ICE_SERVERS: z
    .string()
    .default("[]")
    .transform((text, context) => {
      try {
        return iceServersSchema.parse(JSON.parse(text));
      } catch {
        context.addIssue({
          code: z.ZodIssueCode.custom,
          message: 'CHAT_ICE_SERVERS must be a JSON list of ICE servers, e.g. [{"urls":"stun:stun.example.com:3478"}]',
        });
        return z.NEVER;
      }
    }),
  /** Where `remix vite:build` writes and the production server reads the build (vite.config.ts reads the same variable). */
  BUILD_DIR: z.string().min(1).default("build"),
});

export type Env = z.infer<typeof envSchema>;

// Mail links and the accepted Host come from PUBLIC_URL: a production server must not guess them.
const checkedEnvSchema = envSchema.superRefine((value, context) => {
  if (value.NODE_ENV === "production" && !value.PUBLIC_URL) {
    context.addIssue({
      code: z.ZodIssueCode.custom,
      path: ["PUBLIC_URL"],
      message: "PUBLIC_URL is required when NODE_ENV=production (for example https://help.techflowsolutions.com)",
    });
  }
  if (value.NODE_ENV === "production" && !value.APP_SECRET) {
    context.addIssue({
      code: z.ZodIssueCode.custom,
      path: ["APP_SECRET"],
      message: "APP_SECRET is required when NODE_ENV=production (for example: openssl rand -hex 32)",
    });
  }
});

function loadEnv(): Env {
  const parsed = checkedEnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`).join("\n");
    throw new Error(`Invalid environment:\n${problems}`);
  }
  return parsed.data;
}

export const env = loadEnv();

export const contentDir = path.resolve(env.CONTENT_DIR);
export const contentCacheDir = path.resolve(env.CONTENT_CACHE_DIR);
export const isDevelopment = env.NODE_ENV === "development";
/** When queued tasks run (see TASKS above). */
export const taskMode: "background" | "inline" = env.TASKS ?? (env.NODE_ENV === "test" ? "inline" : "background");
/** The SQLite file behind DATABASE_URL ("file:./data/app.db" → an absolute path). */
export function databaseFile(url: string = env.DATABASE_URL) {
  return path.resolve(url.replace(/^file:/, ""));
}

/** The key for signed links (HMAC). Outside production a fixed, public development value: such links are only as safe as that. */
export const appSecret = env.APP_SECRET ?? "techflow-development-secret-never-used-in-production";

/** The origin every emailed link starts with (no trailing slash). */
export const publicOrigin = new URL(env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).origin;

/** What server/index.ts and the app server run with, validated above. */
export const serverSettings = {
  port: env.PORT,
  host: env.HOST,
  production: env.NODE_ENV === "production",
  trustProxy: env.TRUST_PROXY === "true",
  trustedProxies: env.TRUSTED_PROXIES,
  pageCache: env.PAGE_CACHE === "on",
  /**
   * Outside production, or when PUBLIC_URL itself is a loopback address (`npm start` on one machine), the site
   * also answers to localhost, 127.0.0.1 and [::1]: those names reach only this machine.
   */
  allowLocalHosts:
    env.NODE_ENV !== "production" || ["localhost", "127.0.0.1", "[::1]"].includes(new URL(publicOrigin).hostname),
};

export const searchDbFile = path.resolve(env.SEARCH_DB);
export const attachmentsDir = path.resolve(env.ATTACHMENTS_DIR);
export const showDrafts = isDevelopment || env.SHOW_DRAFTS === "true";
/** Live chat settings (decision record 020). */
export const chatSettings = {
  streamsPerUser: env.CHAT_STREAMS_PER_USER,
  iceServers: env.CHAT_ICE_SERVERS,
};
