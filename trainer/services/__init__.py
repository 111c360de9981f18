"""What trainees and mentors do (sign in, play and record a call, take a quiz, review), on the core.

Used by `trainer.cli` and `trainer.ui` alike and importing neither, nor Textual: a call or a quiz
can be played and recorded from a test or a script. Each module is named for the activity or
record it serves, never for a value its callers hold (a screen has a `trainee` and a
`programme`): `accounts` (who signs in), `calls` (a call played and recorded), `quizzes` (a
quiz taken and its result), `records` (a trainee's own attempts), `stages` (the programme's
stages, where a trainee stands and what is locked), `certificates` (the passed exam's
certificate), `mentor` (the mentor's review), `playtest` (a trainer trying a scenario file out
while writing it), `lrs` (the records sent to a learning record store).
"""
