"""`infoint stats` as plain text: the figures of the Insights screen for the shell."""

from __future__ import annotations

from datetime import date

from infoint_tui.domain.insights import ROUTES, connectors_due, funnels, objective_insights
from infoint_tui.domain.models import Campaign, Verdict


def stats_text(campaign: Campaign, today: date) -> str:
    lines = ["Routes            asked  replied  yes  held  thanked  yes rate  reply in"]
    for f in funnels(campaign):
        rate = f.rate("yes")
        days = f.median_days_to_reply
        lines.append(
            f"{ROUTES[f.route]:<16} {f.requests:>6} {f.replies:>8} {f.yes:>4} {f.held:>5} {f.thanked:>8}"
            f"  {f'{rate:.0%}' if rate is not None else '-':>8}  {f'{days:g} d' if days is not None else '-':>8}"
        )
    lines += ["", "Objectives"]
    for insight in objective_insights(campaign):
        lines.append(
            f"  {insight.objective.kind.value:<8} {insight.objective.text}: {len(insight.lessons)} held, "
            f"{insight.count(Verdict.SOLIDIFIED)} solidified, {insight.count(Verdict.CHALLENGED)} challenged, "
            f"{insight.open_actions} open action items"
        )
    connectors = connectors_due(campaign, today)
    lines += ["", f"Connectors to keep posted ({len(connectors)})"]
    lines += [
        f"  {c.person} ({c.company or 'no company'}): last contact {c.last_contact}, due {c.due}" for c in connectors
    ]
    return "\n".join(lines)
