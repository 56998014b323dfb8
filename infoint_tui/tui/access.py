"""Typed ways from any screen to the app and its data."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from infoint_tui.domain.models import Campaign
    from infoint_tui.store.repository import Repository
    from infoint_tui.tui.app import InfointApp


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
