"""ralph's LRS app as the tests serve it: its file backend appending to its one statements file.

ralph 5.1's file LRS writes each POST with `create`, which refuses the file once it exists, so
its second POST fails with HTTP 500; appending is what an LRS on files must do.
"""

from __future__ import annotations

from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend

FSLRSBackend.default_operation_type = BaseOperationType.APPEND

from ralph.api import app  # noqa: E402  (configured from the environment when imported)

__all__ = ["app"]
