"""The SQLite store: trainees, attempts, quizzes, the exam, and mentors' review. No Textual here.

Every function takes the open `Store` first, returns frozen dataclasses, and raises
`trainer.errors.StoreError` (never a `sqlite3` error) with a message for the user. Functions
that read one trainee's records take `trainee_id=`, so that a trainee's session can only ever
read its own; the mentor's screens leave it out. Exports are pure functions in `export`.

Import from the modules themselves (`trainer.store.attempts`, ...): this package imports
nothing, so that opening the database for the first screen does not load the analytics.
"""
