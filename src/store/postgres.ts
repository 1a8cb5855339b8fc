/**
 * The PostgreSQL side of the store: a connection pool and the versioned migrations of
 * migrations-postgres.ts. Many workers may start at once against one database, so migrating takes an
 * advisory lock: the first applies what is missing, the others wait and then find nothing to do.
 */
import pg from 'pg';
import { AssayError } from '../core/errors.ts';
import type { Migration } from './migrations.ts';
import { POSTGRES_MIGRATIONS } from './migrations-postgres.ts';

/** Any constant: it names assay's migration lock among the database's advisory locks. */
const MIGRATION_LOCK = 0x61_73_73_61;

/** `postgres://…` or `postgresql://…`: the store location is a server, not a file. */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/** The URL without its password, for messages and reports. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://…';
  }
}

export interface PostgresOptions {
  readonly migrations?: readonly Migration[];
  /** Pool size (default 4: a worker process holds a connection per job in flight plus one for the queue). */
  readonly max?: number;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Opens a pool and brings the schema up to date; the caller ends the pool. */
export async function openPostgres(url: string, options: PostgresOptions = {}): Promise<pg.Pool> {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 4 });
  // An idle client whose server went away emits 'error' on the pool; without a listener Node exits.
  pool.on('error', () => {});
  try {
    await migratePostgres(pool, options.migrations ?? POSTGRES_MIGRATIONS);
  } catch (error) {
    await pool.end().catch(() => {});
    if (error instanceof AssayError) throw error;
    throw new AssayError('E_DATABASE', `cannot open database ${redactUrl(url)}: ${messageOf(error)}`, {
      cause: error,
    });
  }
  return pool;
}

export async function migratePostgres(pool: pg.Pool, migrations: readonly Migration[]): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await client.query(`CREATE TABLE IF NOT EXISTS schema_version (
        version     integer PRIMARY KEY,
        description text NOT NULL,
        applied_at  text NOT NULL
      )`);
      const current = await postgresSchemaVersion(client);
      const newest = migrations.reduce((max, m) => Math.max(max, m.version), 0);
      if (current > newest) {
        throw new AssayError(
          'E_DATABASE',
          `database schema version ${current} is newer than this assay understands (${newest}); upgrade assay or use another --db`,
        );
      }
      for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
        if (migration.version <= current) continue;
        await client.query('BEGIN');
        try {
          await client.query(migration.sql);
          await client.query(
            'INSERT INTO schema_version (version, description, applied_at) VALUES ($1, $2, $3)',
            [migration.version, migration.description, new Date().toISOString()],
          );
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        }
      }
      return await postgresSchemaVersion(client);
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}

export async function postgresSchemaVersion(client: pg.Pool | pg.PoolClient): Promise<number> {
  const result = await client.query<{ v: number | null }>('SELECT MAX(version) AS v FROM schema_version');
  return result.rows[0]?.v ?? 0;
}

/**
 * Runs `body` in one transaction on one client: committed when it returns, rolled back when it throws.
 * A serialization failure or deadlock between concurrent workers is retried a few times.
 */
export async function inTransaction<T>(
  pool: pg.Pool,
  body: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const result = await body(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      const code = (error as { code?: string }).code;
      if ((code === '40001' || code === '40P01') && attempt < 5) continue;
      throw error;
    } finally {
      client.release();
    }
  }
}
