"""Where a push goes and as whom: the command line, the environment, the config file."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from trainer.cli import main
from trainer.errors import TrainerError
from trainer.services.lrs import LrsSettings, load_settings, normalise_endpoint, read_config

HOME = "https://northline.example"
ENV = {
    "TRAINER_LRS_USERNAME": "pusher",
    "TRAINER_LRS_PASSWORD": "s3cret",
    "TRAINER_XAPI_HOMEPAGE": HOME,
}


@pytest.fixture
def bare_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in (*ENV, "TRAINER_LRS_CONFIG", "TRAINER_LRS_ENDPOINT"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


def config(tmp_path: Path, text: str, mode: int = 0o600) -> Path:
    path = tmp_path / "lrs.toml"
    path.write_text(text, encoding="utf-8")
    path.chmod(mode)
    return path


def test_the_environment_gives_credentials_and_the_command_line_the_endpoint(
    bare_environment: None,
) -> None:
    settings = load_settings("https://LRS.Example.com/xAPI/", None, ENV)
    assert settings == LrsSettings("https://lrs.example.com/xAPI", HOME, "pusher", "s3cret")
    assert "s3cret" not in repr(settings)


def test_the_config_file_fills_in_what_the_environment_does_not(tmp_path: Path) -> None:
    path = config(
        tmp_path,
        'endpoint = "https://lrs.example.com/xapi"\nhomepage = "https://team.example"\n'
        'username = "from-file"\npassword = "file pass"\n',
    )
    settings = load_settings(None, path, {})
    assert settings == LrsSettings(
        "https://lrs.example.com/xapi", "https://team.example", "from-file", "file pass"
    )
    # The environment wins over the file, and the command line over both.
    env = {**ENV, "TRAINER_LRS_ENDPOINT": "https://env.example/xapi"}
    assert load_settings(None, path, env) == LrsSettings(
        "https://env.example/xapi", HOME, "pusher", "s3cret"
    )
    assert load_settings("https://cli.example/x", path, env).endpoint == "https://cli.example/x"


def test_a_password_others_can_read_is_refused(tmp_path: Path) -> None:
    path = config(tmp_path, 'username = "u"\npassword = "p"\n', mode=0o644)
    with pytest.raises(
        TrainerError, match=rf"^{path} holds a password and others can read it: chmod 600 {path}$"
    ):
        read_config(path, {})
    # Without a password in it, the file may be shared.
    shared = config(tmp_path, f'homepage = "{HOME}"\n', mode=0o644)
    assert read_config(shared, {}) == {"homepage": HOME}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            'usrname = "u"\n',
            "unknown setting 'usrname' (the settings are: endpoint, homepage, username, password)",
        ),
        ("password = 1234\n", "'password' must be a non-empty string in quotes"),
        ('endpoint = ""\n', "'endpoint' must be a non-empty string in quotes"),
    ],
)
def test_a_wrong_setting_is_named(tmp_path: Path, text: str, message: str) -> None:
    path = config(tmp_path, text)
    with pytest.raises(TrainerError) as raised:
        read_config(path, {})
    assert str(raised.value) == f"{path}: {message}"


def test_a_toml_mistake_is_located(tmp_path: Path) -> None:
    path = config(tmp_path, 'homepage = "https://a.example"\nusername = pusher\n')
    with pytest.raises(TrainerError, match=rf"^{path}:2:12: Invalid value$"):
        read_config(path, {})


def test_a_config_file_asked_for_must_exist_the_default_need_not(
    bare_environment: None, tmp_path: Path
) -> None:
    with pytest.raises(TrainerError, match="no such LRS config file"):
        read_config(tmp_path / "missing.toml", {})
    with pytest.raises(TrainerError, match="no such LRS config file"):
        read_config(None, {"TRAINER_LRS_CONFIG": str(tmp_path / "missing.toml")})
    assert read_config(None, {}) == {}
    default = config(tmp_path, f'homepage = "{HOME}"\n')
    (tmp_path / "config" / "trainer").mkdir(parents=True)
    default.rename(tmp_path / "config" / "trainer" / "lrs.toml")
    assert read_config(None, {}) == {"homepage": HOME}


@pytest.mark.parametrize(
    ("url", "normalised"),
    [
        ("https://lrs.example.com/xAPI/", "https://lrs.example.com/xAPI"),
        ("HTTPS://LRS.example.com:8443/xAPI", "https://lrs.example.com:8443/xAPI"),
        ("http://127.0.0.1:8100/xAPI", "http://127.0.0.1:8100/xAPI"),
        ("http://localhost:8100/xAPI/", "http://localhost:8100/xAPI"),
        ("http://[::1]:8100/xAPI", "http://[::1]:8100/xAPI"),
    ],
)
def test_endpoints_are_recorded_in_one_form(url: str, normalised: str) -> None:
    assert normalise_endpoint(url) == normalised


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("https://user:pw@lrs.example.com/xAPI", "holds a user name or password"),
        ("https://user@lrs.example.com/xAPI", "holds a user name or password"),
        ("http://lrs.example.com/xAPI", "use https; basic auth over plain http"),
        ("http://10.0.0.5/xAPI", "use https"),
        ("ftp://lrs.example.com/xAPI", "is not an LRS address"),
        ("lrs.example.com/xAPI", "is not an LRS address"),
        ("https://lrs.example.com/xAPI?key=1", "takes no '?' or '#' part"),
    ],
)
def test_unsafe_or_wrong_endpoints_are_refused(url: str, message: str) -> None:
    with pytest.raises(TrainerError, match=message.replace("?", r"\?")):
        normalise_endpoint(url)


def test_half_the_credentials_in_the_environment_is_a_mistake(bare_environment: None) -> None:
    env = {"TRAINER_LRS_USERNAME": "pusher", "TRAINER_XAPI_HOMEPAGE": HOME}
    with pytest.raises(
        TrainerError, match=re.escape("set both $TRAINER_LRS_USERNAME and $TRAINER_LRS_PASSWORD")
    ):
        load_settings("https://lrs.example.com/xAPI", None, env)


def test_without_a_home_page_nothing_is_sent(bare_environment: None, tmp_path: Path) -> None:
    env = {k: v for k, v in ENV.items() if k != "TRAINER_XAPI_HOMEPAGE"}
    env["TRAINER_LRS_CONFIG"] = str(config(tmp_path, 'endpoint = "https://l.example/x"\n'))
    with pytest.raises(TrainerError, match="say whose accounts the trainees are"):
        load_settings(None, None, env)
    with pytest.raises(TrainerError, match="'team' is not a home page"):
        load_settings(None, None, {**env, "TRAINER_XAPI_HOMEPAGE": "team"})


def test_the_cli_says_what_is_missing_before_asking_for_a_passphrase(
    bare_environment: None,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    stdin = io.StringIO("a passphrase\n")
    monkeypatch.setattr("sys.stdin", stdin)
    db = str(tmp_path / "t.db")
    assert main(["lrs", "push", "--endpoint", "https://lrs.example.com/xAPI", "--db", db]) == 1
    err = capsys.readouterr().err
    assert err.startswith("trainer: no LRS credentials: set $TRAINER_LRS_USERNAME")
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert stdin.read() == "a passphrase\n"  # never read
    assert not (tmp_path / "t.db").exists()

    assert main(["export", "--format", "xapi", "--db", db]) == 1
    assert capsys.readouterr().err.startswith("trainer: say whose accounts the trainees are")


def test_the_password_is_never_an_option(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["lrs", "push", "--password", "s3cret"])
    assert "unrecognized arguments: --password" in capsys.readouterr().err
