"""The database schema as a list of forward migrations; a shipped migration is never edited.

The schema version is `PRAGMA user_version` (the number of migrations applied) and the file is
marked as ours with `PRAGMA application_id`, so a database of another program is recognised
before anything is written to it. To change the schema, append a migration to `MIGRATIONS`;
all pending migrations run in one transaction with foreign keys on. No migration may rebuild
(drop) a table: with foreign keys on, dropping `attempts` deletes every turn through
ON DELETE CASCADE, and they cannot be turned off inside the transaction. The first change that
needs a rebuild extends the runner first (docs/architecture.md, "Why the store's SQL is
hand-written").

Size: the shipped migrations in the order they run, each beside the reason it was added; a
history read top to bottom, which split across files would lose its one order.
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

# The training programme (issue 5): every quiz answer as it is given, and the exam retakes that
# mentors grant. Quiz and exam attempts are rows of `attempts` (kind 'quiz' or 'exam'). The
# answers are clustered by attempt (WITHOUT ROWID): item statistics read them attempt by attempt.
_M2_QUIZ_ANSWERS_AND_RETAKES: Migration = (
    """
    CREATE TABLE quiz_answers (
        attempt_id TEXT NOT NULL REFERENCES attempts (id) ON DELETE CASCADE,
        item_id TEXT NOT NULL,
        number INTEGER NOT NULL,
        topic TEXT,
        answer TEXT NOT NULL,
        answer_text TEXT NOT NULL,
        correct INTEGER NOT NULL CHECK (correct IN (0, 1)),
        points REAL NOT NULL,
        max_points REAL NOT NULL,
        seconds REAL NOT NULL,
        answered_at TEXT NOT NULL,
        PRIMARY KEY (attempt_id, item_id)
    ) WITHOUT ROWID
    """,
    """
    CREATE TABLE exam_retakes (
        id INTEGER PRIMARY KEY,
        trainee_id INTEGER NOT NULL REFERENCES trainees (id),
        granted_by TEXT NOT NULL CHECK (length(trim(granted_by)) > 0),
        reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
        granted_at TEXT NOT NULL
    )
    """,
    "CREATE INDEX idx_exam_retakes_trainee ON exam_retakes (trainee_id)",
)

# Mentor review (issue 8): mentors and what they sign. Notes and overrides sit beside the attempt
# they are about and never change it; the effective result is the latest override, field by field.
_M3_MENTORS_NOTES_OVERRIDES: Migration = (
    """
    CREATE TABLE mentors (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),
        passphrase_hash TEXT NOT NULL,
        passphrase_salt TEXT NOT NULL,
        created_at TEXT NOT NULL,
        failed_attempts INTEGER NOT NULL DEFAULT 0,
        locked_until TEXT
    )
    """,
    """
    CREATE TABLE notes (
        id INTEGER PRIMARY KEY,
        attempt_id TEXT NOT NULL REFERENCES attempts (id),
        turn_index INTEGER,
        mentor TEXT NOT NULL CHECK (length(trim(mentor)) > 0),
        text TEXT NOT NULL CHECK (length(trim(text)) > 0),
        created_at TEXT NOT NULL
    )
    """,
    "CREATE INDEX idx_notes_attempt ON notes (attempt_id)",
    """
    CREATE TABLE overrides (
        id INTEGER PRIMARY KEY,
        attempt_id TEXT NOT NULL REFERENCES attempts (id),
        mentor TEXT NOT NULL CHECK (length(trim(mentor)) > 0),
        score REAL CHECK (score BETWEEN 0 AND 100),
        passed INTEGER CHECK (passed IN (0, 1)),
        reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
        created_at TEXT NOT NULL,
        CHECK (score IS NOT NULL OR passed IS NOT NULL)
    )
    """,
    "CREATE INDEX idx_overrides_attempt ON overrides (attempt_id, id)",
    # Each attempt with the result that counts: the latest override of the score and of the pass
    # (each on its own), else the attempt's own. For mentors' ad-hoc queries.
    """
    CREATE VIEW attempt_results AS
    SELECT
        attempts.id AS attempt_id,
        attempts.trainee_id,
        attempts.kind,
        attempts.content_id,
        attempts.status,
        attempts.outcome,
        attempts.score AS original_score,
        attempts.passed AS original_passed,
        coalesce(
            (SELECT score FROM overrides WHERE attempt_id = attempts.id AND score IS NOT NULL
             ORDER BY id DESC LIMIT 1),
            attempts.score
        ) AS score,
        coalesce(
            (SELECT passed FROM overrides WHERE attempt_id = attempts.id AND passed IS NOT NULL
             ORDER BY id DESC LIMIT 1),
            attempts.passed
        ) AS passed,
        (SELECT mentor FROM overrides WHERE attempt_id = attempts.id ORDER BY id DESC LIMIT 1)
            AS overridden_by
    FROM attempts
    """,
)

# What the mentor's screens need to stay instant on a large team's history (measured by
# benchmarks/bench_mentor.py at 100,000 attempts and 2,000,000 turns):
# - each turn's points summed, and each ended attempt's last node, so that a scenario's weak
#   replies and drop-off read small indexes instead of every turn of every attempt;
# - covering indexes by kind and trainee (the trainees table: calls by outcome, quiz and exam
#   results, passed attempts only), by trainee and time (the last calls), and by content
#   (scenario analytics). The app never runs ANALYZE: these plans hold without statistics.
_M4_MENTOR_QUERIES: Migration = (
    "ALTER TABLE turns ADD COLUMN points_total REAL",
    "UPDATE turns SET points_total = (SELECT total(value) FROM json_each(points_json))",
    "ALTER TABLE attempts ADD COLUMN end_node TEXT",
    """
    UPDATE attempts SET end_node = (
        SELECT node FROM turns WHERE attempt_id = attempts.id ORDER BY idx DESC LIMIT 1
    )
    WHERE status != 'in-progress'
    """,
    "CREATE INDEX idx_attempts_kind_trainee ON attempts (kind, trainee_id, outcome, status)",
    "CREATE INDEX idx_attempts_trainee_kind_started ON attempts (trainee_id, kind, started_at)",
    """
    CREATE INDEX idx_attempts_results
    ON attempts (kind, trainee_id, content_id, status, score, passed)
    """,
    # passed is a column as well as the condition: SQLite needs it there to cover the query.
    """
    CREATE INDEX idx_attempts_passed ON attempts (kind, trainee_id, content_id, passed)
    WHERE passed = 1
    """,
    """
    CREATE INDEX idx_attempts_content_results
    ON attempts (content_id, status, outcome, passed, end_node, id)
    """,
    """
    CREATE INDEX idx_turns_weak_replies ON turns (attempt_id, reply_key, points_total)
    WHERE reply_key IS NOT NULL AND points_total <= 0
    """,
)

# Whether the trainee asked for the hint before a reply (practice only), so a scorecard and a
# mentor can tell a reply found alone from one that was helped.
_M_TURN_HINTS: Migration = (
    "ALTER TABLE turns ADD COLUMN hint_used INTEGER NOT NULL DEFAULT 0 CHECK (hint_used IN (0, 1))",
)

# The final exam's rules live in the records, not in the content in use: the attempt limit and
# the variants of the exam pool with the content hashes a mentor accepted are fixed when the
# programme is first used, and only a mentor changes them, each change with an audit line.
_M_EXAM_RULES: Migration = (
    """
    CREATE TABLE exam_rules (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        attempts INTEGER NOT NULL CHECK (attempts >= 1),
        fixed_at TEXT NOT NULL
    )
    """,
    """
    CREATE TABLE exam_variants (
        id INTEGER PRIMARY KEY,
        scenario_id TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        accepted_by TEXT,
        accepted_at TEXT NOT NULL,
        UNIQUE (scenario_id, content_hash)
    )
    """,
    """
    CREATE TABLE exam_rule_changes (
        id INTEGER PRIMARY KEY,
        mentor TEXT NOT NULL,
        changed_at TEXT NOT NULL,
        change TEXT NOT NULL,
        reason TEXT NOT NULL
    )
    """,
)

# Wrong PINs are counted per trainee, as wrong passphrases are per mentor (store/throttle.py).
_M_PIN_THROTTLE: Migration = (
    "ALTER TABLE trainees ADD COLUMN failed_attempts INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE trainees ADD COLUMN locked_until TEXT",
)

# What a typed turn stated and how it was judged (facts found, mismatches, breaches, the
# off-script kind), as JSON; NULL for picked replies and the client's lines.
_M_TURN_FACTS: Migration = ("ALTER TABLE turns ADD COLUMN facts_json TEXT",)

# What was sent to each learning record store (`trainer lrs push`), by statement id, so that a
# push sends only what the LRS has not acknowledged and resumes where a failed one stopped; and
# the home page its trainees' accounts were sent under, which must not change for that LRS.
_M_LRS_PUSHES: Migration = (
    """
    CREATE TABLE lrs_endpoints (
        id INTEGER PRIMARY KEY,
        url TEXT NOT NULL UNIQUE CHECK (length(url) > 0),
        homepage TEXT NOT NULL CHECK (length(homepage) > 0),
        created_at TEXT NOT NULL
    )
    """,
    """
    CREATE TABLE lrs_pushes (
        endpoint_id INTEGER NOT NULL REFERENCES lrs_endpoints (id),
        statement_id TEXT NOT NULL,
        pushed_at TEXT NOT NULL,
        PRIMARY KEY (endpoint_id, statement_id)
    ) WITHOUT ROWID
    """,
)

# trainee_progress with the results that count (a mentor's override instead of the original),
# the best score per kind instead of one mixing quizzes, calls and exams, and the call counts
# as `history.call_counts` makes them: practice calls completed or abandoned, each counted once
# at the result it ended in.
_M_PROGRESS_BY_KIND: Migration = (
    "DROP VIEW trainee_progress",
    """
    CREATE VIEW trainee_progress AS
    SELECT
        trainees.id AS trainee_id,
        trainees.name AS name,
        count(results.attempt_id) AS attempts,
        count(CASE WHEN results.status = 'completed' THEN 1 END) AS completed,
        count(CASE WHEN results.passed = 1 THEN 1 END) AS passed,
        count(CASE WHEN results.kind = 'call' AND results.status IN ('completed', 'abandoned')
              THEN 1 END) AS calls,
        count(CASE WHEN results.kind = 'call' AND results.status IN ('completed', 'abandoned')
              AND results.outcome = 'meeting' THEN 1 END) AS meetings,
        count(CASE WHEN results.kind = 'call' AND results.status IN ('completed', 'abandoned')
              AND results.outcome = 'application' THEN 1 END) AS applications,
        count(CASE WHEN results.kind = 'call' AND results.status IN ('completed', 'abandoned')
              AND results.outcome = 'deal' THEN 1 END) AS deals,
        count(CASE WHEN results.kind = 'call' AND results.status IN ('completed', 'abandoned')
              AND results.outcome = 'hung-up' THEN 1 END) AS hang_ups,
        max(CASE WHEN results.kind = 'call' THEN results.score END) AS best_call_score,
        max(CASE WHEN results.kind = 'quiz' THEN results.score END) AS best_quiz_score,
        max(CASE WHEN results.kind = 'exam' THEN results.score END) AS best_exam_score,
        coalesce(max(CASE WHEN results.kind = 'exam' THEN results.passed END), 0) AS exam_passed,
        max(coalesce(attempts.ended_at, attempts.started_at)) AS last_activity
    FROM trainees
    LEFT JOIN attempt_results AS results ON results.trainee_id = trainees.id
    LEFT JOIN attempts ON attempts.id = results.attempt_id
    GROUP BY trainees.id
    """,
)

# A trainee can belong to a cohort (a group that started together, a branch), so that a
# mentor's analytics can be read for one group; one cohort a trainee, set by a mentor.
_M_COHORTS: Migration = (
    """
    CREATE TABLE cohorts (
        trainee_id INTEGER PRIMARY KEY REFERENCES trainees (id) ON DELETE CASCADE,
        cohort TEXT NOT NULL CHECK (length(trim(cohort)) > 0),
        set_by TEXT NOT NULL,
        set_at TEXT NOT NULL
    )
    """,
    "CREATE INDEX idx_cohorts_cohort ON cohorts (cohort)",
)

# A mentor may edit or delete their own comment; the notes table keeps what the comment says
# now (and when it was last edited), note_changes every earlier wording and every deletion,
# with who and when: the audit trail a signed comment needs once it can change.
_M_NOTE_CHANGES: Migration = (
    "ALTER TABLE notes ADD COLUMN edited_at TEXT",
    """
    CREATE TABLE note_changes (
        id INTEGER PRIMARY KEY,
        note_id INTEGER NOT NULL,
        attempt_id TEXT NOT NULL REFERENCES attempts (id),
        turn_index INTEGER,
        mentor TEXT NOT NULL CHECK (length(trim(mentor)) > 0),
        change TEXT NOT NULL CHECK (change IN ('edited', 'deleted')),
        old_text TEXT NOT NULL,
        new_text TEXT,
        changed_at TEXT NOT NULL,
        CHECK ((change = 'deleted') = (new_text IS NULL))
    )
    """,
    "CREATE INDEX idx_note_changes_attempt ON note_changes (attempt_id)",
)

# A trainee's preferences (the theme, and any later choice of theirs), one row per name, so the
# app looks the same to them after a restart; deleted with the trainee.
_M_TRAINEE_PREFERENCES: Migration = (
    """
    CREATE TABLE trainee_preferences (
        trainee_id INTEGER NOT NULL REFERENCES trainees (id) ON DELETE CASCADE,
        name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 64),
        value TEXT NOT NULL CHECK (length(value) <= 256),
        updated_at TEXT NOT NULL,
        PRIMARY KEY (trainee_id, name)
    ) WITHOUT ROWID
    """,
)

# Work under guidance: what a trainee logs of their real work (a row per entry, never changed;
# several entries of one day add up), the targets a mentor sets (the latest row counts, the
# earlier ones are the audit trail), and the mentor's readiness sign-off that closes the
# programme (one per trainee).
_M_WORK_LOG: Migration = (
    """
    CREATE TABLE work_entries (
        id INTEGER PRIMARY KEY,
        trainee_id INTEGER NOT NULL REFERENCES trainees (id),
        day TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        calls INTEGER NOT NULL DEFAULT 0 CHECK (calls >= 0),
        meetings INTEGER NOT NULL DEFAULT 0 CHECK (meetings >= 0),
        applications INTEGER NOT NULL DEFAULT 0 CHECK (applications >= 0),
        proposals INTEGER NOT NULL DEFAULT 0 CHECK (proposals >= 0),
        events INTEGER NOT NULL DEFAULT 0 CHECK (events >= 0),
        referrals INTEGER NOT NULL DEFAULT 0 CHECK (referrals >= 0),
        deals INTEGER NOT NULL DEFAULT 0 CHECK (deals >= 0),
        orders_on_time INTEGER NOT NULL DEFAULT 0 CHECK (orders_on_time >= 0),
        orders_delayed INTEGER NOT NULL DEFAULT 0 CHECK (orders_delayed >= 0),
        note TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL
    )
    """,
    "CREATE INDEX idx_work_entries_trainee_day ON work_entries (trainee_id, day)",
    """
    CREATE TABLE work_targets (
        id INTEGER PRIMARY KEY,
        trainee_id INTEGER NOT NULL REFERENCES trainees (id),
        meetings_per_day REAL NOT NULL CHECK (meetings_per_day >= 0),
        calls_per_week INTEGER NOT NULL CHECK (calls_per_week >= 0),
        monthly_plan INTEGER NOT NULL CHECK (monthly_plan >= 0),
        set_by TEXT NOT NULL CHECK (length(trim(set_by)) > 0),
        set_at TEXT NOT NULL
    )
    """,
    "CREATE INDEX idx_work_targets_trainee ON work_targets (trainee_id, id)",
    """
    CREATE TABLE readiness_signoffs (
        id INTEGER PRIMARY KEY,
        trainee_id INTEGER NOT NULL UNIQUE REFERENCES trainees (id),
        mentor TEXT NOT NULL CHECK (length(trim(mentor)) > 0),
        note TEXT NOT NULL CHECK (length(trim(note)) > 0),
        signed_at TEXT NOT NULL
    )
    """,
)

# trainee_progress counting calls as `history.call_counts` does now: practice and exam calls
# completed or abandoned, each once at the result it ended in, and a deal only in a call that
# passed (a mentor's override counting instead of the original).
_M_CALL_COUNTS: Migration = (
    "DROP VIEW trainee_progress",
    """
    CREATE VIEW trainee_progress AS
    SELECT
        trainees.id AS trainee_id,
        trainees.name AS name,
        count(results.attempt_id) AS attempts,
        count(CASE WHEN results.status = 'completed' THEN 1 END) AS completed,
        count(CASE WHEN results.passed = 1 THEN 1 END) AS passed,
        count(CASE WHEN results.kind IN ('call', 'exam')
              AND results.status IN ('completed', 'abandoned') THEN 1 END) AS calls,
        count(CASE WHEN results.kind = 'exam'
              AND results.status IN ('completed', 'abandoned') THEN 1 END) AS exam_calls,
        count(CASE WHEN results.kind IN ('call', 'exam')
              AND results.status IN ('completed', 'abandoned')
              AND results.outcome = 'meeting' THEN 1 END) AS meetings,
        count(CASE WHEN results.kind IN ('call', 'exam')
              AND results.status IN ('completed', 'abandoned')
              AND results.outcome = 'application' THEN 1 END) AS applications,
        count(CASE WHEN results.kind IN ('call', 'exam')
              AND results.status IN ('completed', 'abandoned')
              AND results.outcome = 'deal' AND results.passed = 1 THEN 1 END) AS deals,
        count(CASE WHEN results.kind IN ('call', 'exam')
              AND results.status IN ('completed', 'abandoned')
              AND results.outcome = 'hung-up' THEN 1 END) AS hang_ups,
        max(CASE WHEN results.kind = 'call' THEN results.score END) AS best_call_score,
        max(CASE WHEN results.kind = 'quiz' THEN results.score END) AS best_quiz_score,
        max(CASE WHEN results.kind = 'exam' THEN results.score END) AS best_exam_score,
        coalesce(max(CASE WHEN results.kind = 'exam' THEN results.passed END), 0) AS exam_passed,
        max(coalesce(attempts.ended_at, attempts.started_at)) AS last_activity
    FROM trainees
    LEFT JOIN attempt_results AS results ON results.trainee_id = trainees.id
    LEFT JOIN attempts ON attempts.id = results.attempt_id
    GROUP BY trainees.id
    """,
)

# The mentor's mark "played on other content": the files each scenario or quiz was played on
# (and who played them) are read by seeking through this index, not by reading every attempt.
_M_CONTENT_HASHES: Migration = (
    "CREATE INDEX idx_attempts_content_hash ON attempts (content_id, content_hash, trainee_id)",
)

# What a trainee typed into a call's reply box and had not sent, so a call picked up again gives
# it back; one per attempt, apart from the turns, so nothing that reads what was said sees it.
_M_REPLY_DRAFTS: Migration = (
    """
    CREATE TABLE reply_drafts (
        attempt_id TEXT PRIMARY KEY REFERENCES attempts (id) ON DELETE CASCADE,
        text TEXT NOT NULL CHECK (length(text) > 0),
        saved_at TEXT NOT NULL
    )
    """,
)

MIGRATIONS: tuple[Migration, ...] = (
    _M1_INITIAL,
    _M2_QUIZ_ANSWERS_AND_RETAKES,
    _M3_MENTORS_NOTES_OVERRIDES,
    _M4_MENTOR_QUERIES,
    _M_TURN_HINTS,
    _M_EXAM_RULES,
    _M_PIN_THROTTLE,
    _M_TURN_FACTS,
    _M_LRS_PUSHES,
    _M_PROGRESS_BY_KIND,
    _M_COHORTS,
    _M_NOTE_CHANGES,
    _M_TRAINEE_PREFERENCES,
    _M_WORK_LOG,
    _M_CALL_COUNTS,
    _M_CONTENT_HASHES,
    _M_REPLY_DRAFTS,
)

LATEST_VERSION = len(MIGRATIONS)
