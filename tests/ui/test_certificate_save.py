"""Saving the certificate never destroys a file: not the database in use or its side files, not
another SQLite file, not a file that is not an earlier certificate; served in a browser it is
a download and no path on the server is asked for."""

from __future__ import annotations

import os
import random
import sqlite3
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Static

from tests.ui.conftest import (
    Build,
    frozen_clock,
    notices,
    pick,
    rows,
    screen_text,
    shown_text,
    sign_in,
    unlock_stage,
    use_exam_attempt,
)
from trainer.content.content_set import ContentSet
from trainer.store.database import Store
from trainer.store.models import Trainee
from trainer.store.trainees import set_pin
from trainer.ui.app import make_app
from trainer.ui.modals.save_certificate import SaveCertificateModal
from trainer.ui.screens.certificate import CertificateScreen
from trainer.ui.screens.served_sign_in import ServedSignInScreen

SIZE = (100, 30)


@pytest.fixture
def passed(store: Store, ann: Trainee, bundled: ContentSet) -> Trainee:
    """Ann has passed the final exam."""
    unlock_stage(store, ann.id, bundled, 4)
    use_exam_attempt(store, ann.id, bundled, passed=True)
    return ann


async def open_save(pilot: Pilot[int], typed: Path) -> str:
    """On the certificate: `s`, the path typed, Enter; what the dialog says then."""
    await pilot.press("s")
    await pilot.pause()
    assert isinstance(pilot.app.screen, SaveCertificateModal)
    pilot.app.screen.query_one("#save-path", Input).value = str(typed)
    await pilot.press("enter")
    await pilot.pause()
    return said(pilot)


def said(pilot: Pilot[int]) -> str:
    """What the save dialog says under the path; "" once it has closed."""
    if not isinstance(pilot.app.screen, SaveCertificateModal):
        return ""
    return " ".join(shown_text(pilot.app.screen.query_one("#save-error", Static)).split())


async def to_certificate(pilot: Pilot[int]) -> None:
    await sign_in(pilot)
    await pick(pilot, "certificate:")
    assert isinstance(pilot.app.screen, CertificateScreen)


def attempts_readable(db_path: Path) -> int:
    (count,) = rows(db_path, "SELECT count(*) FROM attempts")[0]
    assert isinstance(count, int)
    return count


async def test_the_database_in_use_and_its_side_files_are_never_written(
    build: Build, store: Store, passed: Trainee, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    before = store.path.read_bytes()[:16]
    attempts = attempts_readable(store.path)
    app = build()
    async with app.run_test(size=SIZE) as pilot:
        await to_certificate(pilot)
        wal = store.path.with_name(store.path.name + "-wal")
        for typed in (store.path, wal, Path(store.path.name)):
            message = await open_save(pilot, typed)
            assert "is the database in use" in message, message
            await pilot.press("enter")  # a second Enter does not replace it either
            await pilot.pause()
            assert isinstance(app.screen, SaveCertificateModal)
            await pilot.press("escape")
            await pilot.pause()
    assert store.path.read_bytes()[:16] == before == b"SQLite format 3\x00"
    assert attempts_readable(store.path) == attempts
    assert not [path.name for path in tmp_path.iterdir() if path.name.endswith(".tmp")]


async def test_another_sqlite_file_or_a_file_that_is_not_a_certificate_is_never_replaced(
    build: Build, passed: Trainee, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    other = tmp_path / "team-backup.txt"  # a database, whatever its name says
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE kept (x)")
    conn.close()
    keys = tmp_path / "authorized_keys"
    keys.write_text("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA admin@host\n")
    notes = tmp_path / "notes.md"
    notes.write_text("# My notes\n")
    app = build()
    async with app.run_test(size=SIZE) as pilot:
        await to_certificate(pilot)
        message = await open_save(pilot, other)
        assert "is a SQLite database; trainer never writes over one" in message
        await pilot.press("escape")
        for typed in (keys, notes):
            message = await open_save(pilot, typed)
            assert f"{typed} exists and is not a certificate; choose another name" in message
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, SaveCertificateModal)
            await pilot.press("escape")
        message = await open_save(pilot, tmp_path)  # a folder: the default name inside it
        await pilot.pause()
        assert isinstance(app.screen, CertificateScreen), message
    assert rows(other, "SELECT name FROM sqlite_master") == [("kept",)]
    assert keys.read_text() == "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA admin@host\n"
    assert notes.read_text() == "# My notes\n"
    assert (tmp_path / "certificate-ann-lee.md").read_text().startswith("# Certificate: ")


async def test_an_earlier_certificate_is_replaced_after_asking_through_a_new_file(
    build: Build, passed: Trainee, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    earlier = tmp_path / "ann.txt"
    app = build()
    async with app.run_test(size=SIZE) as pilot:
        await to_certificate(pilot)
        assert "Save as a file" in footer(pilot)
        assert "Download" not in footer(pilot)
        assert await open_save(pilot, earlier) == ""
        assert isinstance(app.screen, CertificateScreen)
        first = os.stat(earlier).st_ino
        message = await open_save(pilot, earlier)
        assert "ann.txt is an earlier certificate: press Enter again to replace it" in message
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CertificateScreen)
        assert notices(pilot)[-1] == f"Saved to {earlier}"
    # Written beside it and renamed into place: a new file, never the old one rewritten.
    assert os.stat(earlier).st_ino != first
    assert earlier.read_text().startswith("CERTIFICATE: ")
    assert sorted(path.name for path in tmp_path.iterdir() if path.name.startswith(".")) == []


async def test_served_in_a_browser_the_certificate_is_a_download_not_a_server_path(
    bundled: ContentSet,
    store: Store,
    passed: Trainee,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    set_pin(store, passed.id, "2468")
    home = tmp_path / "home"
    (home / "Downloads").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    server_folder = tmp_path / "server"
    server_folder.mkdir()
    monkeypatch.chdir(server_folder)
    attempts = attempts_readable(store.path)
    app = make_app(
        bundled, store.path, typing_delay=0, clock=frozen_clock, seeds=random.Random(7), served=True
    )
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ServedSignInScreen)
        app.screen.query_one("#name-input", Input).value = "Ann Lee"
        app.screen.query_one("#pin-input", Input).value = "2468"
        app.screen.query_one("#pin-input", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        await pick(pilot, "certificate:")
        assert isinstance(app.screen, CertificateScreen)
        assert "Download" in footer(pilot)  # the footer says where the file goes
        assert "Save as a file" not in footer(pilot)
        await pilot.press("s")
        await pilot.pause(0.2)
        assert isinstance(app.screen, CertificateScreen)  # no path is asked for
        assert "Your browser downloads certificate-ann-lee.md" in notices(pilot)[-1]
        assert "Save the certificate" not in screen_text(pilot)
    delivered = home / "Downloads" / "certificate-ann-lee.md"
    assert delivered.read_text().startswith("# Certificate: Northline onboarding programme")
    assert list(server_folder.iterdir()) == []
    assert attempts_readable(store.path) == attempts


def footer(pilot: Pilot[int]) -> list[str]:
    """What the footer offers, key by key."""
    return [str(getattr(key, "description", "")) for key in pilot.app.screen.query("FooterKey")]
