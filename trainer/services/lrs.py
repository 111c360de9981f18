"""Send the records to a learning record store (LRS) as xAPI statements: settings, HTTP, push.

A push builds every attempt's statements (`trainer.store.xapi`), leaves out those the LRS has
acknowledged before (`trainer.store.lrs`, per endpoint), and POSTs the rest in batches; each
batch the LRS accepts is recorded at once, so a push that fails part-way resumes where it
stopped, and one that is repeated sends nothing. Statement ids are stable, so a batch that
reached the LRS but was not recorded (a crash in between) is taken again as the same statements.
"""

from __future__ import annotations

import base64
import ipaddress
import json
import os
import re
import stat
import tomllib
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from trainer.errors import TrainerError
from trainer.store import lrs as pushes
from trainer.store.database import Store
from trainer.store.trainees import list_trainees
from trainer.store.transcripts import iter_transcripts
from trainer.store.worklog import sign_offs
from trainer.store.xapi import EXTENSIONS, XAPI_VERSION, sign_off_statement, statements_for
from trainer.text import visible

ENV_CONFIG = "TRAINER_LRS_CONFIG"
ENV_ENDPOINT = "TRAINER_LRS_ENDPOINT"
ENV_USERNAME = "TRAINER_LRS_USERNAME"
ENV_PASSWORD = "TRAINER_LRS_PASSWORD"
ENV_HOMEPAGE = "TRAINER_XAPI_HOMEPAGE"
CONFIG_KEYS = ("endpoint", "homepage", "username", "password")

BATCH = 200  # statements per request: a few hundred kilobytes, well under an LRS's body limit
TIMEOUT = 30.0  # seconds to wait for the LRS to answer one request
# Statuses that refuse what was sent (malformed, unprocessable, too large) rather than the
# sender: the batch is halved to find the statement at fault.
_REFUSED = (400, 413, 422)
_DETAIL_LIMIT = 200  # characters of the LRS's own explanation shown in the error line


class LrsError(TrainerError):
    """The LRS did not take a batch: why, in one line, and that nothing unsent was lost."""


# ---------------------------------------------------------------------------------------------
# Settings: the command line, then the environment, then the config file


@dataclass(frozen=True, slots=True)
class LrsSettings:
    """Where to push, as whom, and whose accounts the trainees are."""

    endpoint: str  # the xAPI base URL, normalised: statements go to `endpoint + "/statements"`
    homepage: str  # the home page of the trainees' accounts (xAPI `account.homePage`)
    username: str
    password: str = field(repr=False)


def default_config_path() -> Path:
    import platformdirs

    return Path(platformdirs.user_config_dir("trainer")) / "lrs.toml"


def read_config(path: Path | None, environ: Mapping[str, str] = os.environ) -> dict[str, str]:
    """The settings in the config file (`path`, else $TRAINER_LRS_CONFIG, else the default).

    A file named on purpose must exist; the default one may be missing. A file holding a
    password must be its owner's alone (chmod 600), as ssh and libpq require of theirs.
    """
    named = path if path is not None else environ.get(ENV_CONFIG)
    config = Path(named) if named else default_config_path()
    try:
        text = config.read_text(encoding="utf-8")
        mode = config.stat().st_mode
    except FileNotFoundError:
        if named:
            raise TrainerError(f"{config}: no such LRS config file") from None
        return {}
    except (OSError, UnicodeError) as error:
        raise TrainerError(f"{config}: cannot read the LRS config file: {error}") from error
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise TrainerError(f"{_located(config, str(error))}") from None
    settings: dict[str, str] = {}
    for key, value in document.items():
        if key not in CONFIG_KEYS:
            known = ", ".join(CONFIG_KEYS)
            raise TrainerError(f"{config}: unknown setting '{key}' (the settings are: {known})")
        if not isinstance(value, str) or not value.strip():
            raise TrainerError(f"{config}: '{key}' must be a non-empty string in quotes")
        settings[key] = value.strip() if key != "password" else value
    if "password" in settings and stat.S_IMODE(mode) & 0o077:
        raise TrainerError(f"{config} holds a password and others can read it: chmod 600 {config}")
    return settings


def _located(path: Path, message: str) -> str:
    """tomllib's "... (at line 3, column 7)" as `path:3:7: ...`, the form editors read."""
    found = re.search(r"\s*\(at line (\d+), column (\d+)\)$", message)
    if found is None:
        return f"{path}: {message}"
    return f"{path}:{found.group(1)}:{found.group(2)}: {message[: found.start()]}"


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def normalise_endpoint(url: str) -> str:
    """The LRS's xAPI base URL as recorded: checked, lower-case scheme and host, no final '/'.

    Basic auth sends the password with every request, so plain http is taken only on this
    machine's loopback; and a URL carrying credentials is refused, since they would stay in
    the shell's history and the process list.
    """
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise TrainerError(
            f"'{url}' is not an LRS address: give its xAPI base URL, "
            "e.g. https://lrs.example.com/xAPI"
        )
    if parts.username is not None or parts.password is not None:
        raise TrainerError(
            "the LRS address holds a user name or password: give the credentials in "
            f"${ENV_USERNAME} and ${ENV_PASSWORD} or the config file, never in the address"
        )
    if parts.query or parts.fragment:
        raise TrainerError(f"'{url}': the LRS's xAPI base URL takes no '?' or '#' part")
    if parts.scheme.lower() == "http" and not _is_loopback(parts.hostname):
        raise TrainerError(
            f"'{url}': use https; basic auth over plain http would send the password in clear "
            "(http is accepted only on this machine's loopback)"
        )
    host = parts.hostname.lower()
    if ":" in host:  # an IPv6 address keeps its brackets
        host = f"[{host}]"
    if parts.port is not None:
        host += f":{parts.port}"
    return urlunsplit((parts.scheme.lower(), host, parts.path.rstrip("/"), "", ""))


def _homepage(value: str | None) -> str:
    if not value:
        raise TrainerError(
            "say whose accounts the trainees are: set the home page of your organisation's "
            f'accounts in ${ENV_HOMEPAGE}, or homepage = "https://..." in the LRS config file '
            "(see docs/lms.md)"
        )
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.username:
        raise TrainerError(f"'{value}' is not a home page: give a URL such as https://example.com")
    return value


def xapi_homepage(config: Path | None = None, environ: Mapping[str, str] = os.environ) -> str:
    """The trainees' accounts' home page: $TRAINER_XAPI_HOMEPAGE, else the config file's."""
    return _homepage(environ.get(ENV_HOMEPAGE) or read_config(config, environ).get("homepage"))


def load_settings(
    endpoint: str | None,
    config: Path | None = None,
    environ: Mapping[str, str] = os.environ,
) -> LrsSettings:
    """The push's settings: `endpoint` (the command line) over the environment over the file."""
    settings = read_config(config, environ)
    url = endpoint or environ.get(ENV_ENDPOINT) or settings.get("endpoint")
    if not url:
        raise TrainerError(
            f'say where the LRS is: --endpoint URL, ${ENV_ENDPOINT} or endpoint = "..." '
            "in the LRS config file"
        )
    username, password = environ.get(ENV_USERNAME), environ.get(ENV_PASSWORD)
    if (username is None) != (password is None):
        raise TrainerError(f"set both ${ENV_USERNAME} and ${ENV_PASSWORD}, or neither")
    if username is None:
        username, password = settings.get("username"), settings.get("password")
    if not username or not password:
        raise TrainerError(
            f"no LRS credentials: set ${ENV_USERNAME} and ${ENV_PASSWORD}, or username and "
            "password in the LRS config file (chmod 600)"
        )
    homepage = _homepage(environ.get(ENV_HOMEPAGE) or settings.get("homepage"))
    return LrsSettings(normalise_endpoint(url), homepage, username, password)


# ---------------------------------------------------------------------------------------------
# HTTP


def _one_line(text: str) -> str:
    line = " ".join(visible(text).split())
    return line if len(line) <= _DETAIL_LIMIT else line[: _DETAIL_LIMIT - 1] + "…"


def _detail(body: bytes) -> str:
    """The LRS's explanation of a refusal: its JSON `detail`, else the start of the body."""
    text = body.decode("utf-8", "replace")
    try:
        detail = json.loads(text).get("detail", text)
    except (ValueError, AttributeError):
        detail = text
    if isinstance(detail, list) and detail and isinstance(detail[0], dict):
        first = detail[0]
        where = ".".join(str(part) for part in first.get("loc", ()))
        detail = f"{where}: {first.get('msg', '')}".strip(": ")
    return _one_line(str(detail))


class Refused(Exception):
    """The LRS answered a batch with an HTTP error status."""

    def __init__(self, status: int, detail: str) -> None:
        super().__init__(f"HTTP {status}: {detail}" if detail else f"HTTP {status}")
        self.status = status
        self.detail = detail


class Unreachable(Exception):
    """The LRS could not be reached, or did not answer in time."""


class NotAnLrs(Exception):
    """The address answered with success, but not as an xAPI LRS does to a POST of statements."""


class LrsClient:
    """POSTs batches of statements to one LRS with basic auth (standard-library HTTP)."""

    def __init__(self, settings: LrsSettings, timeout: float = TIMEOUT) -> None:
        self.url = settings.endpoint + "/statements"
        token = base64.b64encode(f"{settings.username}:{settings.password}".encode()).decode()
        self.headers = {
            "Authorization": f"Basic {token}",
            "X-Experience-API-Version": XAPI_VERSION,
            "Content-Type": "application/json; charset=utf-8",
        }
        self.timeout = timeout

    def post(self, statements: Sequence[Mapping[str, Any]]) -> None:
        """Send one batch; returns when the LRS has stored it (or already had every statement)."""
        body = json.dumps(list(statements)).encode()
        request = urllib.request.Request(self.url, data=body, headers=self.headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                status, answer = response.status, response.read()
        except urllib.error.HTTPError as error:
            try:
                body = error.read()
            except OSError:
                body = b""
            finally:
                error.close()
            raise Refused(error.code, _detail(body)) from None
        except (urllib.error.URLError, OSError) as error:
            reason = getattr(error, "reason", error)
            raise Unreachable(_one_line(str(getattr(reason, "strerror", None) or reason))) from None
        if status == 204:  # the LRS had every statement already
            return
        # 200 with the ids it stored; anything else (a web page, a redirect followed as a GET)
        # means the address is not the LRS's xAPI base, and nothing may be marked as sent.
        try:
            stored = json.loads(answer)
        except ValueError:
            stored = None
        sent = {statement["id"] for statement in statements}
        if not isinstance(stored, list) or not {str(each).lower() for each in stored} <= sent:
            raise NotAnLrs(f"HTTP {status} without the ids of the statements stored")


# ---------------------------------------------------------------------------------------------
# The push


@dataclass(frozen=True, slots=True)
class PushProgress:
    """How far a push has gone: attempts read of all, statements sent in this push."""

    attempts_done: int
    attempts_total: int
    sent: int


@dataclass(frozen=True, slots=True)
class PushReport:
    """What a push did: statements sent now, and how many the LRS has from this database."""

    endpoint: str
    sent: int
    acknowledged: int  # in all, this push's included


def _label(statement: Mapping[str, Any]) -> str:
    """Which record a statement comes from, for an error line: "'answered' statement ID of
    attempt X"."""
    attempt = statement.get("context", {}).get("extensions", {}).get(EXTENSIONS["attempt"], {})
    verb = statement.get("verb", {}).get("display", {}).get("en-US", "statement")
    return f"'{verb}' statement {statement.get('id')} of attempt {attempt.get('id', '?')}"


class _Pusher:
    def __init__(self, store: Store, settings: LrsSettings, client: LrsClient) -> None:
        self.store = store
        self.settings = settings
        self.client = client
        self.sent = 0

    def _failed(self, why: str) -> LrsError:
        done = f"{self.sent} statements were sent first and are recorded; " if self.sent else ""
        return LrsError(
            f"the LRS at {self.settings.endpoint} {why}; {done}"
            "nothing is lost: the next push sends the rest"
        )

    def send(self, batch: Sequence[Mapping[str, Any]]) -> None:
        """Post a batch and record it; a refused batch is halved until the culprit is found."""
        try:
            self.client.post(batch)
        except Unreachable as error:
            raise self._failed(f"cannot be reached ({error})") from None
        except NotAnLrs as error:
            raise self._failed(
                f"did not answer as an xAPI LRS does ({error}): is it the LRS's xAPI base URL?"
            ) from None
        except Refused as error:
            if (error.status in _REFUSED or error.status == 409) and len(batch) > 1:
                half = len(batch) // 2
                self.send(batch[:half])
                self.send(batch[half:])
                return
            if error.status in (401, 403):
                raise self._failed(
                    f"refused the credentials of '{self.settings.username}' ({error})"
                ) from None
            if error.status == 409:
                raise self._failed(
                    f"already holds a different statement with the id of the {_label(batch[0])}"
                    f" ({error})"
                ) from None
            if error.status in _REFUSED:
                raise self._failed(f"refused the {_label(batch[0])} ({error})") from None
            if error.status in (404, 405):
                raise self._failed(
                    f"has no statements at {self.client.url} ({error}): "
                    "is it the LRS's xAPI base URL?"
                ) from None
            raise self._failed(f"failed ({error})") from None
        pushes.record_pushed(
            self.store, self.settings.endpoint, self.settings.homepage, [s["id"] for s in batch]
        )
        self.sent += len(batch)


def push(
    store: Store,
    settings: LrsSettings,
    *,
    client: LrsClient | None = None,
    batch: int | None = None,
    progress: Callable[[PushProgress], None] | None = None,
) -> PushReport:
    """Send every statement the LRS has not acknowledged, oldest attempt first, in batches.

    Raises `LrsError` (one line, saying what was sent) when the LRS cannot be reached or
    refuses a batch; what it took before is recorded, and the next push sends the rest.
    """
    recorded = pushes.endpoint_homepage(store, settings.endpoint)
    if recorded is not None and recorded != settings.homepage:
        # The LRS tells learners apart by account: the same trainees under another home page
        # would be other people there, and their records split in two.
        raise TrainerError(
            f"the LRS at {settings.endpoint} has this database's statements with the trainees' "
            f"home page {recorded}; this push would use {settings.homepage}, and the LRS would "
            f"take the same trainees for other people: set {ENV_HOMEPAGE}={recorded}, "
            "or push to another LRS"
        )
    size = batch or BATCH
    pusher = _Pusher(store, settings, client or LrsClient(settings))
    total = pushes.attempt_count(store)
    pending: list[dict[str, Any]] = []
    done = 0
    if progress is not None:
        progress(PushProgress(0, total, 0))
    for record in iter_transcripts(store):
        statements = statements_for(settings.homepage, record)
        new = set(pushes.unpushed(store, settings.endpoint, [s["id"] for s in statements]))
        pending += [s for s in statements if s["id"] in new]
        while len(pending) >= size:
            pusher.send(pending[:size])
            del pending[:size]
        done += 1
        if progress is not None:
            progress(PushProgress(done, max(total, done), pusher.sent))
    names = {trainee.id: trainee.name for trainee in list_trainees(store)}
    signed = [
        sign_off_statement(settings.homepage, signed_off, names[signed_off.trainee_id])
        for signed_off in sign_offs(store)
    ]
    new = set(pushes.unpushed(store, settings.endpoint, [s["id"] for s in signed]))
    pending += [s for s in signed if s["id"] in new]
    if pending:
        pusher.send(pending)
        if progress is not None:
            progress(PushProgress(done, max(total, done), pusher.sent))
    acknowledged = pushes.pushed_count(store, settings.endpoint)
    return PushReport(settings.endpoint, pusher.sent, acknowledged)
