"""The user's own settings file: `config.toml` in the user config folder.

What belongs to the person rather than to a campaign lives here (the theme, remapped keys,
and the mail set-up), so that every data file opens the same way. `--config PATH` or
INFOINT_CONFIG point elsewhere. Parts this version does not know are kept as they are when
the file is written back, so a newer infoint's settings survive an older one.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ENV_VAR = "INFOINT_CONFIG"
DEFAULT_THEME = "textual-dark"


class ConfigError(Exception):
    """The settings file cannot be used as it is; the message is one sentence for the user."""


@dataclass(slots=True)
class Config:
    path: Path
    theme: str = DEFAULT_THEME
    #: Binding id -> keys, as Textual's `App.set_keymap` takes them ("queue": "f2,ctrl+g").
    keymap: dict[str, str] = field(default_factory=dict)
    #: The whole file as read, so that parts not listed above are written back unchanged.
    document: dict[str, Any] = field(default_factory=dict)

    def table(self, name: str) -> dict[str, Any]:
        value = self.document.get(name, {})
        return value if isinstance(value, dict) else {}


def config_path(explicit: str | None = None) -> Path:
    chosen = explicit or os.environ.get(ENV_VAR)
    if chosen:
        return Path(chosen).expanduser()
    from platformdirs import user_config_path  # only needed when no path is given

    return user_config_path("infoint", appauthor=False) / "config.toml"


def load_config(path: Path) -> Config:
    """The settings in `path` (defaults when there is no file), or ConfigError."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Config(path)
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) else "it is not UTF-8 text"
        raise ConfigError(f"The settings file {path} cannot be read ({reason}).") from None
    import tomllib  # only for a file: most starts have none, and need not load a parser

    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"The settings file {path} is not valid TOML ({error}); fix it or move it aside.") from None
    ui = document.get("ui", {})
    if not isinstance(ui, dict):
        raise ConfigError(f"In the settings file {path}, [ui] must be a table.")
    theme = ui.get("theme", DEFAULT_THEME)
    keymap = document.get("keymap", {})
    if not isinstance(theme, str):
        raise ConfigError(f'In the settings file {path}, ui.theme must be text, such as "{DEFAULT_THEME}".')
    if not isinstance(keymap, dict) or not all(isinstance(keys, str) for keys in keymap.values()):
        raise ConfigError(
            f'In the settings file {path}, [keymap] must map binding ids to keys, such as queue = "f2,ctrl+g".'
        )
    return Config(path, theme=theme, keymap=dict(keymap), document=document)


def save_config(config: Config) -> None:
    """Write the settings back atomically, readable by the user alone; raises SaveError."""
    import tomli_w

    from infoint_tui.store.storage import write_atomically

    document = dict(config.document)
    document["ui"] = {**config.table("ui"), "theme": config.theme}
    if config.keymap:
        document["keymap"] = dict(config.keymap)
    config.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    write_atomically(config.path, tomli_w.dumps(document).encode())
    config.document = document
