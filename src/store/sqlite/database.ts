import Database from 'better-sqlite3';

export interface ConnectionOptions {
  /** How long SQLite waits for another process's lock before SQLITE_BUSY. */
  busyTimeoutMs: number;
  /** A connection that must never write (the main thread's, for reads). */
  readOnly?: boolean | undefined;
}

/**
 * One connection to the store's database file with a cache of prepared statements. The writer
 * thread holds one (it writes); the main thread holds another and only reads: in WAL mode readers
 * never wait for the writer and see every committed transaction.
 */
export class SqliteDatabase {
  readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();

  constructor(
    readonly path: string,
    options: ConnectionOptions,
  ) {
    this.db = new Database(path);
    try {
      this.db.pragma(`busy_timeout = ${options.busyTimeoutMs}`);
      // WAL: readers never wait for the writer, and several processes can share the file.
      this.db.pragma('journal_mode = WAL');
      // FULL: the WAL is fsynced at every commit, so an acknowledged answer survives a power cut,
      // not only a crash of the process (NORMAL could lose the last commits). The fsync happens
      // in the writer thread, so the event loop never waits for the disk.
      this.db.pragma('synchronous = FULL');
      this.db.pragma('cache_size = -16000'); // 16 MiB of page cache
      if (options.readOnly) this.db.pragma('query_only = ON');
    } catch (err) {
      this.db.close();
      throw err;
    }
  }

  /** A prepared statement, compiled once per connection. */
  stmt(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  get<T>(sql: string, ...params: unknown[]): T | undefined {
    return this.stmt(sql).get(...params) as T | undefined;
  }

  all<T>(sql: string, ...params: unknown[]): T[] {
    return this.stmt(sql).all(...params) as T[];
  }

  run(sql: string, ...params: unknown[]): number {
    return this.stmt(sql).run(...params).changes;
  }

  /**
   * Runs fn in one write transaction. BEGIN IMMEDIATE takes the write lock first, so it never fails
   * half-way on a lock; a failure rolls everything back, so a failed write changes nothing.
   */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  close(): void {
    this.statements.clear();
    if (this.db.open) this.db.close();
  }
}
