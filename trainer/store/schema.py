"""The database schema as a list of forward migrations; a shipped migration is never edited.

The schema version is `PRAGMA user_version` (the number of migrations applied) and the file is
marked as ours with `PRAGMA application_id`, so a database of another program is recognised
before anything is written to it. To change the schema, append a migration to `MIGRATIONS`;
all pending migrations run in one transaction with foreign keys on, so a migration that rebuilds
a table starts with `PRAGMA defer_foreign_keys = ON`.
"""

from __future__ import annotations

# "TRNR": the application id stored in the SQLite header of every trainer database.
APPLICATION_ID = 0x54524E52

Migration = tuple[str, ...]  # SQL statements, run in order inside one transaction

_M1_INITIAL: Migration = (
    f"PRAGMA application_id = {APPLICATION_ID}",
    """
    CREATE TABLE trainees (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),
        pin_hash TEXT,
        pin_salt TEXT,
        created_at TEXT NOT NULL
    )
    """,
    """
    CREATE TABLE attempts (
        id TEXT PRIMARY KEY,
        trainee_id INTEGER NOT NULL REFERENCES trainees (id),
        kind TEXT NOT NULL,
        content_id TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        seed INTEGER NOT NULL,
        mode TEXT NOT NULL CHECK (mode IN ('practice', 'exam')),
        persona_id TEXT,
        started_at TEXT NOT NULL,
        ended_at TEXT,
        status TEXT NOT NULL DEFAULT 'in-progress'
            CHECK (status IN ('in-progress', 'completed', 'abandoned')),
        outcome TEXT,
        score REAL CHECK (score BETWEEN 0 AND 100),
        passed INTEGER CHECK (passed IN (0, 1)),
        pid INTEGER NOT NULL,
        host TEXT NOT NULL
    )
    """,
    "CREATE INDEX idx_attempts_trainee_started ON attempts (trainee_id, started_at)",
    "CREATE INDEX idx_attempts_content_trainee ON attempts (content_id, trainee_id)",
    "CREATE INDEX idx_attempts_status ON attempts (status)",
    """
    CREATE TABLE turns (
        attempt_id TEXT NOT NULL REFERENCES attempts (id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        speaker TEXT NOT NULL,
        name TEXT NOT NULL,
        text TEXT NOT NULL,
        node TEXT NOT NULL,
        reply_key TEXT,
        typed_text TEXT,
        confidence REAL,
        points_json TEXT NOT NULL DEFAULT '{}',
        meters_json TEXT NOT NULL DEFAULT '{}',
        note TEXT NOT NULL DEFAULT '',
        tags_json TEXT NOT NULL DEFAULT '[]',
        elapsed REAL NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        PRIMARY KEY (attempt_id, idx)
    )
    """,
    """
    CREATE TABLE attempt_skills (
        attempt_id TEXT NOT NULL REFERENCES attempts (id) ON DELETE CASCADE,
        skill TEXT NOT NULL,
        earned REAL NOT NULL,
        best REAL NOT NULL,
        percent REAL NOT NULL,
        PRIMARY KEY (attempt_id, skill)
    )
    """,
    # For mentors' ad-hoc queries (sqlite3, datasette): each attempt with its trainee's name and
    # the number of turns recorded.
    """
    CREATE VIEW attempt_summaries AS
    SELECT
        attempts.*,
        trainees.name AS trainee_name,
        (SELECT count(*) FROM turns WHERE turns.attempt_id = attempts.id) AS turn_count
    FROM attempts
    JOIN trainees ON trainees.id = attempts.trainee_id
    """,
    # One row per trainee, including those who have not played yet.
    """
    CREATE VIEW trainee_progress AS
    SELECT
        trainees.id AS trainee_id,
        trainees.name AS name,
        count(attempts.id) AS attempts,
        count(CASE WHEN attempts.status = 'completed' THEN 1 END) AS completed,
        count(CASE WHEN attempts.passed = 1 THEN 1 END) AS passed,
        max(CASE WHEN attempts.status = 'completed' THEN attempts.score END) AS best_score,
        max(coalesce(attempts.ended_at, attempts.started_at)) AS last_activity
    FROM trainees
    LEFT JOIN attempts ON attempts.trainee_id = trainees.id
    GROUP BY trainees.id
    """,
)

MIGRATIONS: tuple[Migration, ...] = (_M1_INITIAL,)

LATEST_VERSION = len(MIGRATIONS)
