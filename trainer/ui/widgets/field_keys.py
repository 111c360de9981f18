"""Tab and Shift+Tab for forms of several fields, read before the keys that follow them."""

from __future__ import annotations

from textual.binding import Binding

# Priority bindings run when the app reads the key, before it hands the next keys to the focused
# field. Without them, keys read in one burst (a paste, a password manager, a fast typist on a
# slow machine) are all queued to the field that had focus while the Tab waits its turn: a PIN
# or passphrase typed after Tab lands in the name field, in clear.
FIELD_TABS = (
    Binding("tab", "app.focus_next", "Next field", show=False, priority=True),
    Binding("shift+tab", "app.focus_previous", "Previous field", show=False, priority=True),
)
