"""Typed ways from any screen to the app and its data, and what a read-only file allows."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar

if TYPE_CHECKING:
    from textual.app import App

    from infoint_tui.domain.models import Campaign
    from infoint_tui.store.repository import Repository
    from infoint_tui.tui.app import InfointApp

#: Said, instead of asking, when a question's answer could only be carried out by writing.
READ_ONLY = (
    "This infoint has the data file read-only, so nothing can be changed here: quit the one that is "
    "writing to it (or make the file writable), then start this one again."
)
#: The first line of a form while the data file is read-only: seen before anything is typed.
READ_ONLY_FORM = "Read-only: nothing typed here can be saved."

Self = TypeVar("Self", bound="DataAccess")
Params = ParamSpec("Params")
Result = TypeVar("Result")


def read_only(app: App[Any]) -> bool:
    """Whether the app's data file is open read-only (a bare App, in widget tests, has none)."""
    repo = getattr(app, "repo", None)
    return bool(repo is not None and repo.read_only)


class DataAccess:
    """Mixed into screens: `self.infoint`, `self.repo` and `self.campaign`."""

    @property
    def infoint(self) -> InfointApp:
        return self.app  # type: ignore[attr-defined]

    @property
    def repo(self) -> Repository:
        return self.infoint.repo

    @property
    def campaign(self) -> Campaign:
        return self.infoint.repo.campaign

    def writable(self) -> bool:
        """True when changes can be saved; otherwise say so at once (before any question)."""
        return self.infoint.writable()


def changes_data(
    action: Callable[Concatenate[Self, Params], Result],
) -> Callable[Concatenate[Self, Params], Result | None]:
    """For an action whose every path asks something before it changes the data: on a
    read-only file it says so instead of asking (outermost, above `@work`)."""

    @functools.wraps(action)
    def guarded(self: Self, *args: Params.args, **kwargs: Params.kwargs) -> Result | None:
        return action(self, *args, **kwargs) if self.writable() else None

    return guarded
