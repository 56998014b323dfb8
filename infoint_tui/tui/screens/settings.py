"""The user's own details (used in every message), the follow-up policy's intervals, and
the mail set-up (kept in the settings file, see settings_mail)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Input, Select, Static, TextArea

from infoint_tui.config import save_config
from infoint_tui.domain import validation
from infoint_tui.domain.models import Profile, Settings
from infoint_tui.store.errors import SaveError
from infoint_tui.store.reading import backups_folder
from infoint_tui.tui.screens.base import BaseScreen
from infoint_tui.tui.screens.settings_mail import mail_fields, mail_problem, with_mail
from infoint_tui.tui.widgets.form import Field, Form
from infoint_tui.tui.widgets.read_only_line import ReadOnlyLine

CAMPAIGN_STATES = [("Running", "yes"), ("Paused: no keep-posted reminders", "no")]


@dataclass(frozen=True)
class Interval:
    """One whole-number setting: its label, its sensible range and what it does."""

    name: str
    label: str
    minimum: int
    maximum: int
    help: str

    def field(self, settings: Settings) -> Field:
        return Field(
            self.name,
            self.label,
            str(getattr(settings, self.name)),
            check=partial(validation.whole_number, minimum=self.minimum, maximum=self.maximum),
            help=self.help,
        )


INTERVALS = [
    Interval("follow_up_days", "Follow up after", 1, 60, "Days after a request with no reply"),
    Interval("call_days", "Call after", 1, 60, "Days after the follow-up, if still no reply"),
    Interval("max_attempts", "Attempts", 1, 10, "Contact attempts before assuming no"),
    Interval("give_up_days", "Assume no after", 1, 60, "Days after the last attempt"),
    Interval("intro_nudge_days", "Nudge a mutual after", 1, 60, "Days after asking for an introduction"),
    Interval("prep_days_before", "Prepare questions", 0, 30, "Days before an interview"),
    Interval("prep_min_questions", "Questions to prepare", 1, 30, "Fewer chosen than this: preparation is due"),
    Interval("thank_you_hours", "Thank within", 1, 168, "Hours after the interview"),
    Interval("action_days", "Action items due", 0, 60, "Days after the interview, unless dated"),
    Interval("keep_posted_days", "Keep connectors posted", 1, 365, "Days between updates to each connector"),
    Interval("agenda_days", "Look ahead", 1, 60, "Days ahead shown in the morning review"),
]


def _whole_sentence(text: str) -> str | None:
    # The requests go straight on after it ("{my_pitch} At the moment I'm ...").
    if text and not text.endswith((".", "!", "?")):
        return "End it with a full stop: the request carries on after it."
    return None


def profile_fields(profile: Profile) -> list[Field]:
    return [
        Field("name", "Name", profile.name, help="Signs every message"),
        Field(
            "phone",
            "Phone",
            profile.phone,
            check=validation.phone,
            placeholder="+44 20 7946 0958",
            help="For voicemails and signatures",
        ),
        Field("email", "E-mail", profile.email, check=validation.email, placeholder="you@example.com"),
        Field(
            "pitch",
            "One-line pitch",
            profile.pitch,
            check=_whole_sentence,
            placeholder="I'm a service designer moving into digital healthcare.",
            help="One sentence about you, used as is in requests",
        ),
        Field(
            "words",
            "My own words",
            ", ".join(profile.words),
            placeholder="Figma, JTBD, Løvland",
            help="Comma-separated; the spelling check never flags them",
        ),
    ]


def policy_fields(settings: Settings) -> list[Field]:
    running = "yes" if settings.campaign_active else "no"
    return [
        *(interval.field(settings) for interval in INTERVALS),
        Field("campaign_active", "Campaign", running, choices=CAMPAIGN_STATES),
    ]


def words_of(text: str) -> list[str]:
    """'Figma, JTBD,, Figma' -> ['Figma', 'JTBD']: trimmed, blanks and repeats dropped."""
    return list(dict.fromkeys(word.strip() for word in text.split(",") if word.strip()))


def to_profile(values: dict[str, str]) -> Profile:
    return Profile(
        name=values["name"],
        phone=values["phone"],
        email=values["email"],
        pitch=values["pitch"],
        words=words_of(values["words"]),
    )


def to_settings(values: dict[str, str]) -> Settings:
    numbers = {interval.name: int(values[interval.name]) for interval in INTERVALS}
    return Settings(**numbers, campaign_active=values["campaign_active"] == "yes")


def file_text(path: Path, read_only: bool) -> Text:
    """Where the data and its backups are, so the user can copy or restore them."""
    return Text.assemble(
        ("Data    ", "bold"),
        str(path),
        ("\nBackups ", "bold"),
        str(backups_folder(path)),
        ("\n(read-only: another infoint is writing to it)" if read_only else "", "bold red"),
    )


class SettingsScreen(BaseScreen):
    MODE = "settings"
    TITLE = "Settings"
    SHOWS = frozenset({"profile", "settings"})
    CSS_PATH = "settings.tcss"
    AUTO_FOCUS = "#field-name"
    HELP = (
        "Your details fill the blanks of every message; the intervals decide when the queue asks "
        "for a follow-up, a call or a thank-you; the mail part says how infoint sends and where it reads "
        "replies (passwords come from a command or the keyring, never from here). Nothing is saved "
        "until ctrl+s, and only when every field is right."
    )
    BINDINGS = [
        Binding("ctrl+s", "save_settings", "Save", id="settings_save", tooltip="Check every field and save"),
    ]
    PALETTE = [
        ("Edit profile", "Your name, phone, e-mail and pitch, as the messages use them", "edit_profile"),
        ("Follow-up intervals", "When follow-ups, calls, thank-yous and updates come due", "edit_intervals"),
        ("Mail settings", "How infoint sends your messages and where it reads the replies", "edit_mail"),
    ]

    def compose_body(self) -> ComposeResult:
        #: The values each form was last filled with, to tell the user's edits apart.
        self._shown = self._stored()
        with VerticalScroll(id="settings"):
            yield ReadOnlyLine()
            yield Static("Your profile", classes="pane-title", id="profile-title")
            yield Form(profile_fields(self.campaign.profile), id="profile-form")
            yield Static("Follow-up policy", classes="pane-title", id="policy-title")
            yield Form(policy_fields(self.campaign.settings), id="policy-form")
            yield Static("Mail", classes="pane-title", id="mail-title")
            yield Form(mail_fields(self.infoint.config), id="mail-form")
            yield Static("Data file", classes="pane-title")
            yield Static(id="settings-file")
        yield Static("Not saved yet: ctrl+s saves every field.", id="settings-unsaved")

    @property
    def forms(self) -> list[Form]:
        return [self.query_one(f"#{name}-form", Form) for name in ("profile", "policy", "mail")]

    def _stored(self) -> list[dict[str, str]]:
        """What each form shows for the data as it is."""
        campaign = self.campaign
        return [
            {field.name: field.value for field in fields}
            for fields in (
                profile_fields(campaign.profile),
                policy_fields(campaign.settings),
                mail_fields(self.infoint.config),
            )
        ]

    def _fill(self) -> None:
        self._shown = self._stored()
        for form, values in zip(self.forms, self._shown, strict=True):
            form.set_values(values)

    def has_unsaved(self) -> bool:
        return [form.values() for form in self.forms] != self._shown

    def refresh_data(self) -> None:
        # Edits in progress are kept: only an untouched page follows the data.
        if not self.has_unsaved():
            self._fill()
        self.query_one("#settings-file", Static).update(file_text(self.repo.path, self.repo.read_only))
        self._show_unsaved()

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Select.Changed)
    def _show_unsaved(self) -> None:
        self.query_one("#settings-unsaved", Static).display = self.has_unsaved()

    @on(Input.Submitted)
    def _enter_moves_on(self) -> None:
        self.focus_next()

    def action_save_settings(self) -> None:
        bad = next((row for row in [form.check() for form in self.forms] if row), None)
        if bad is not None:
            bad.control.focus()
            self.notify("Nothing was saved: fix the fields marked in red.", severity="warning")
            return
        profile_values, policy_values, mail_values = (form.values() for form in self.forms)
        config = self.infoint.config
        mail_changed = mail_values != self._shown[2]
        document = with_mail(config.document, mail_values)
        if mail_changed and (problem := mail_problem(config, document)) is not None:
            self.notify(f"Nothing was saved: {problem}", severity="warning")
            return
        if not self.change(self._store, to_profile(profile_values), to_settings(policy_values)):
            return
        if mail_changed and not self._store_mail(document):
            return
        self._fill()  # as stored: own words tidied
        self._show_unsaved()
        self.notify("Settings saved.")

    def _store_mail(self, document: dict[str, object]) -> bool:
        """Write the settings file (0600: it names the password's source); on failure keep the form."""
        config = self.infoint.config
        before, config.document = config.document, document
        try:
            save_config(config)
        except (OSError, SaveError) as error:
            config.document = before
            reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
            self.notify(f"The mail settings could not be written to {config.path} ({reason}).", severity="error")
            return False
        self.infoint.watch_mail()  # the mailboxes as they are set now
        return True

    def _store(self, profile: Profile, settings: Settings) -> None:
        with self.repo.batch():  # one write for both
            self.repo.save_profile(profile)
            self.repo.save_settings(settings)

    def action_edit_profile(self) -> None:
        self._go_to(self.forms[0], "#profile-title")

    def action_edit_intervals(self) -> None:
        self._go_to(self.forms[1], "#policy-title")

    def action_edit_mail(self) -> None:
        self._go_to(self.forms[2], "#mail-title")

    def _go_to(self, form: Form, title: str) -> None:
        """Focus the first field of a section, its title at the top of the page."""
        # Focused at once (not queued), so the screen's own first focus cannot come after it.
        self.set_focus(form.rows[0].control, scroll_visible=False)
        # Scrolled after a refresh: a screen the palette has just opened is not laid out yet.
        self.call_after_refresh(
            self.query_one("#settings", VerticalScroll).scroll_to_widget, self.query_one(title), top=True, animate=False
        )
