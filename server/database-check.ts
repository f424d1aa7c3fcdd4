import pg from "pg";

/**
 * Before the server listens: on PostgreSQL, one connection and `SELECT 1`, so a wrong or unreachable
 * DATABASE_URL stops the start with a message that names it (exit 1) instead of 503s on every request.
 * SQLite needs no check: the file is opened (and created by `npm run db:setup`) on this machine.
 */
export async function checkDatabaseAtStartup(databaseUrl: string): Promise<string | null> {
  if (!/^postgres(ql)?:\/\//.test(databaseUrl)) return null;
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return null;
  } catch (error) {
    const reason = error instanceof Error ? error.message || error.name : String(error);
    return `Cannot connect to PostgreSQL at DATABASE_URL=${redact(databaseUrl)}: ${reason}. Start PostgreSQL or fix DATABASE_URL, then run \`npm run db:setup\`.`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function redact(url: string) {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return url;
  }
}
