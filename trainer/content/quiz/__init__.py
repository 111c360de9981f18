"""Quizzes (kind: quiz): a pool of items a trainee answers, over ~500 lines so a package of its
three parts: `model`, `shape` and `parse`."""
