import path from "node:path";
import { z } from "zod";

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().startsWith("file:", "DATABASE_URL must be a file: URL for SQLite").default("file:./data/app.db"),
  CONTENT_DIR: z.string().default("content"),
  CONTENT_CACHE_DIR: z.string().default(".content-cache"),
  /** Where "Edit this page" links point: the repository's edit URL up to the content path. */
  EDIT_BASE_URL: z.string().url().default("https://github.com/techflow-solutions/help-center/edit/main/"),
  /** The embedded search index (SQLite FTS5), a file of its own. */
  SEARCH_DB: z.string().default("data/search.db"),
  /** When set, search goes to Meilisearch, with the embedded index as fallback. */
  MEILI_URL: z.string().url().optional(),
  MEILI_MASTER_KEY: z.string().optional(),
  /** Days that search analytics rows are kept. */
  SEARCH_ANALYTICS_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  /** SMTP server for outgoing mail (smtp://user:pass@host:port); without it mail goes to the outbox table. */
  SMTP_URL: z.string().url().optional(),
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
  /** Lets a production build show drafts (used by the preview deploy). */
  SHOW_DRAFTS: z.enum(["true", "false"]).default("false"),
});

export type Env = z.infer<typeof envSchema>;

function loadEnv(): Env {
  const parsed = envSchema.safeParse(process.env);
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
/** The SQLite file behind DATABASE_URL ("file:./data/app.db" → an absolute path). */
export function databaseFile(url: string = env.DATABASE_URL) {
  return path.resolve(url.replace(/^file:/, ""));
}

/** The origin every emailed link starts with (no trailing slash). */
export const publicOrigin = new URL(env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).origin;

export const searchDbFile = path.resolve(env.SEARCH_DB);
export const showDrafts = isDevelopment || env.SHOW_DRAFTS === "true";
