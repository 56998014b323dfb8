"""Command palette: find any person or company by typing part of the name."""

from __future__ import annotations

from functools import partial

from textual.command import Hit, Hits, Provider

MAX_HITS = 12


class RecordsProvider(Provider):
    """'Ana', 'north' -> jump to that person or company on the Targets screen.

    rapidfuzz ranks all names in C, so 30,000 people cost milliseconds per keystroke;
    Textual's matcher then only highlights the few hits shown.
    """

    def _choices(self) -> dict[tuple[str, int], str]:
        campaign = self.app.repo.campaign  # type: ignore[attr-defined]
        choices = {("person", pid): person.name for pid, person in campaign.people.items()}
        choices |= {("company", cid): company.name for cid, company in campaign.companies.items()}
        return choices

    async def search(self, query: str) -> Hits:
        from rapidfuzz import fuzz, process  # on first use: the app starts without it

        choices = self._choices()
        matcher = self.matcher(query)
        found = process.extract(query, choices, scorer=fuzz.WRatio, limit=MAX_HITS, score_cutoff=50)
        for name, score, (kind, record_id) in found:
            action = f"show_{kind}({record_id})"
            yield Hit(
                score / 100,
                matcher.highlight(name),
                partial(self.app.open_on, "targets", action),  # type: ignore[attr-defined]
                help=f"Open this {kind} on the Targets screen",
            )
