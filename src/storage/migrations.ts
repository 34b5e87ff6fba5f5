/**
 * The schema, as numbered migrations. Each runs once, in its own transaction, in order; the
 * `schema_migrations` table records which have run. Never edit a migration that has shipped:
 * add the next number.
 *
 * Times are milliseconds since the epoch (UTC); fact ids are a JSON array.
 */

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "briefing subscriptions and their runs",
    sql: `
      CREATE TABLE subscriptions (
        id            INTEGER PRIMARY KEY,
        platform      TEXT    NOT NULL,
        workspace_id  TEXT,
        channel_id    TEXT    NOT NULL,
        topic         TEXT    NOT NULL,
        schedule      TEXT    NOT NULL,
        cron          TEXT    NOT NULL,
        timezone      TEXT    NOT NULL,
        created_by    TEXT    NOT NULL,
        created_at    INTEGER NOT NULL,
        next_due_at   INTEGER,
        status        TEXT    NOT NULL DEFAULT 'active'
                      CHECK (status IN ('active', 'unreachable', 'removed')),
        status_reason TEXT,
        status_at     INTEGER
      );
      CREATE INDEX subscriptions_by_channel ON subscriptions (platform, channel_id, status);
      CREATE INDEX subscriptions_by_due ON subscriptions (status, next_due_at);

      -- One row per subscription and due time: the row is written (claimed) before the post,
      -- so a due time is posted at most once, whatever restarts in between.
      CREATE TABLE briefing_runs (
        subscription_id INTEGER NOT NULL REFERENCES subscriptions (id),
        due_at          INTEGER NOT NULL,
        status          TEXT    NOT NULL
                        CHECK (status IN ('sending', 'sent', 'skipped', 'failed', 'unreachable', 'interrupted')),
        late_ms         INTEGER NOT NULL DEFAULT 0,
        claimed_at      INTEGER NOT NULL,
        finished_at     INTEGER,
        detail          TEXT,
        PRIMARY KEY (subscription_id, due_at)
      );
    `,
  },
  {
    version: 2,
    name: "answers, feedback votes and declined questions",
    sql: `
      CREATE TABLE answers (
        id           INTEGER PRIMARY KEY,
        platform     TEXT    NOT NULL,
        workspace_id TEXT,
        question     TEXT    NOT NULL,
        fact_ids     TEXT    NOT NULL,
        created_at   INTEGER NOT NULL
      );

      -- One vote per person and answer; voter is a one-way hash, never the user id.
      CREATE TABLE feedback (
        answer_id  INTEGER NOT NULL REFERENCES answers (id),
        voter      TEXT    NOT NULL,
        helpful    INTEGER NOT NULL CHECK (helpful IN (0, 1)),
        platform   TEXT    NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (answer_id, voter)
      );
      CREATE INDEX feedback_by_time ON feedback (updated_at);

      CREATE TABLE unanswered (
        id           INTEGER PRIMARY KEY,
        platform     TEXT    NOT NULL,
        workspace_id TEXT,
        question     TEXT    NOT NULL,
        normalized   TEXT    NOT NULL,
        asked_at     INTEGER NOT NULL,
        asked_by     TEXT
      );
      CREATE INDEX unanswered_by_time ON unanswered (asked_at);

      -- Per-database values: the salt of the voter hash, made once here.
      CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      INSERT INTO settings (key, value) VALUES ('voter_salt', lower(hex(randomblob(16))));
    `,
  },
];
