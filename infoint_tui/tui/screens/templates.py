"""Step 3 of the method: the fill-in-the-blank texts, edited here and previewed for a real person.

Edits are kept when the user moves to another template or leaves (nothing typed is lost);
"reset" brings back the default wording.
"""

from __future__ import annotations

from functools import partial

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.command import CommandPalette, Hit, Hits, Provider
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.events import DescendantFocus
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from infoint_tui.domain import spelling
from infoint_tui.domain.defaults import DEFAULT_TEMPLATES, template_for
from infoint_tui.domain.models import Template
from infoint_tui.domain.templates import (
    LINKEDIN_LIMIT,
    OPTIONAL_HELP,
    PLACEHOLDERS,
    Rendered,
    RenderedMessage,
    render_template,
    sample_context,
)
from infoint_tui.tui import notice
from infoint_tui.tui.access import changes_data
from infoint_tui.tui.messages import RECORDS
from infoint_tui.tui.screens.base import BaseScreen
from infoint_tui.tui.widgets.checked_text import CheckedTextArea
from infoint_tui.tui.widgets.confirm import ConfirmScreen
from infoint_tui.tui.widgets.message import MessageScreen, draft
from infoint_tui.tui.widgets.read_only_line import ReadOnlyLine
from infoint_tui.tui.widgets.text_fields import TextInput

#: Wide enough to list the placeholders beside the editor.
WIDE = 120
BLANK_STYLES = {"unfilled": "bold on dark_goldenrod", "unknown": "bold white on red3"}


def highlighted(rendered: Rendered) -> Text:
    text = Text(rendered.text)
    for span in rendered.spans:
        text.stylize(BLANK_STYLES[span.kind], span.start, span.end)
    return text


class PreviewPersonProvider(Provider):
    """Whom to preview the template for: any person, by part of the name."""

    async def discover(self) -> Hits:
        screen = self.screen
        assert isinstance(screen, TemplatesScreen)
        approached = {o.person_id for o in screen.campaign.outreach.values()}
        for person_id in sorted(approached)[:20]:
            person = screen.campaign.people.get(person_id)
            if person is not None:
                yield Hit(1, person.name, partial(screen.preview_for, person.id), help=person.title)

    async def search(self, query: str) -> Hits:
        from rapidfuzz import fuzz, process

        screen = self.screen
        assert isinstance(screen, TemplatesScreen)
        names = {pid: person.name for pid, person in screen.campaign.people.items()}
        matcher = self.matcher(query)
        for name, score, person_id in process.extract(query, names, scorer=fuzz.WRatio, limit=12, score_cutoff=50):
            yield Hit(
                score / 100,
                matcher.highlight(name),
                partial(screen.preview_for, person_id),
                help=screen.campaign.people[person_id].title,
            )


class TemplatesScreen(BaseScreen):
    MODE = "templates"
    TITLE = "Templates"
    SHOWS = RECORDS | {"templates", "profile"}
    CSS_PATH = "templates.tcss"
    HELP = (
        "The texts the queue fills in: edit them here, with a live preview for one person. "
        "Blanks in yellow have no value for that person; red ones are not placeholders at all. " + OPTIONAL_HELP
    )
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="templates_save", tooltip="Keep your version of this template"),
        Binding("ctrl+r", "reset", "Reset", id="templates_reset", tooltip="Back to the default wording"),
        Binding(
            "ctrl+o",
            "choose_person",
            "Person",
            id="templates_person",
            tooltip="Preview the template for another person",
        ),
        Binding(
            "ctrl+g",
            "insert_placeholder",
            "Placeholders",
            id="templates_placeholders",
            tooltip="List the placeholders; Enter puts one at the cursor",
        ),
        Binding(
            "ctrl+y",
            "check_and_copy",
            "Copy",
            priority=True,
            id="templates_copy",
            tooltip="Open the filled-in text to check and copy",
        ),
    ]
    PALETTE = [
        ("Preview a template for someone", "Choose the person the Templates screen previews for", "choose_person"),
        ("Reset a template", "Put back the default wording of the template being edited", "reset"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.key = next(iter(DEFAULT_TEMPLATES))
        self.person_id: int | None = None
        self._in_subject = False

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="templates"):
            yield OptionList(id="templates-list")
            with Vertical(id="templates-editor"):
                yield ReadOnlyLine()
                with Horizontal(id="templates-subject-line"):
                    yield Label("Subject", id="templates-subject-label")
                    yield TextInput(compact=True, id="templates-subject")
                yield CheckedTextArea("", soft_wrap=True, compact=True, id="templates-body")
                yield Static(id="templates-preview-head")
                with VerticalScroll(id="templates-preview-scroll"):
                    yield Static(id="templates-preview")
                yield Static(id="templates-blanks")
            with VerticalScroll(id="templates-placeholders"):
                yield Static(self._placeholder_list())

    def on_mount(self) -> None:
        approached = sorted(self.campaign.outreach.values(), key=lambda o: o.id)
        self.person_id = approached[0].person_id if approached else next(iter(self.campaign.people), None)
        self._show_list()
        self._load(self.key)
        self.query_one("#templates-list").focus()

    def on_resize(self) -> None:
        self.query_one("#templates").set_class(self.size.width >= WIDE, "-wide")

    def refresh_data(self) -> None:
        """The list's "edited" marks and the preview follow changes made anywhere."""
        self._show_list()
        self._update_preview()

    # The list ----------------------------------------------------------------------------

    def _keys(self) -> list[str]:
        return [*DEFAULT_TEMPLATES, *(key for key in self.campaign.templates if key not in DEFAULT_TEMPLATES)]

    def _show_list(self) -> None:
        options = self.query_one("#templates-list", OptionList)
        options.set_options(
            Option(
                Text.assemble(
                    template_for(self.campaign, key).name,
                    (" · edited", "italic dim") if key in self.campaign.templates else "",
                ),
                id=key,
            )
            for key in self._keys()
        )
        options.highlighted = self._keys().index(self.key)

    @on(OptionList.OptionHighlighted, "#templates-list")
    def _switch(self, event: OptionList.OptionHighlighted) -> None:
        key = event.option.id
        if key is None or key == self.key:
            return
        left = self.edited() if self.dirty else None
        self._load(key)
        if left is not None:
            self.change(self.repo.save_template, left)  # moving on keeps what was typed

    def _load(self, key: str) -> None:
        self.key = key
        template = template_for(self.campaign, key)
        subject = self.query_one("#templates-subject", Input)
        subject.value = template.subject
        self.query_one("#templates-subject-line").display = template.channel == "email"
        self.body_area.load_text(template.body)
        self._update_preview()

    # The editor and its preview -----------------------------------------------------------

    @property
    def body_area(self) -> CheckedTextArea:
        return self.query_one("#templates-body", CheckedTextArea)

    def edited(self) -> Template:
        """The template as it stands in the editor."""
        saved = template_for(self.campaign, self.key)
        return Template(
            saved.key, saved.name, self.query_one("#templates-subject", Input).value, self.body_area.text, saved.channel
        )

    @property
    def dirty(self) -> bool:
        return self.edited() != template_for(self.campaign, self.key)

    @on(Input.Changed, "#templates-subject")
    @on(CheckedTextArea.Changed, "#templates-body")
    def _edited(self) -> None:
        self._update_preview()

    def _update_preview(self) -> None:
        template = self.edited()
        self.body_area.mark([issue for issue in spelling.check(template.body) if issue.kind in ("unfilled", "unknown")])
        person = self.campaign.people.get(self.person_id or 0)
        message = render_template(template, sample_context(self.campaign, person) if person else {})
        count = f"{message.char_count} characters"
        if template.channel == "linkedin":
            count = f"{message.char_count} of {LINKEDIN_LIMIT} characters"
        head = Text.assemble(
            ("Preview for ", "dim"),
            (person.name if person else "nobody", "bold"),
            " · ",
            (count, "bold red" if message.over_limit else ""),
            no_wrap=True,
            overflow="ellipsis",
        )
        self.query_one("#templates-preview-head", Static).update(head)
        preview = highlighted(message.body)
        if template.channel == "email":
            preview = Text.assemble(("Subject: ", "dim"), highlighted(message.subject), "\n\n", preview)
        self.query_one("#templates-preview", Static).update(preview)
        self.query_one("#templates-blanks", Static).update(_blanks_line(message))

    def _placeholder_list(self) -> Text:
        listing = Text("Placeholders (ctrl+g inserts one)\n", style="bold")
        for name, meaning in PLACEHOLDERS.items():
            listing.append(f"{{{name}}}\n", style="bold")
            listing.append(f"  {meaning}\n", style="dim")
        listing.append("\nOptional parts\n", style="bold")
        listing.append(OPTIONAL_HELP, style="dim")
        return listing

    # Actions -----------------------------------------------------------------------------

    def flush_unsaved(self) -> None:
        """Keep what was typed in the template being edited (also on quit and hang-up)."""
        if self.dirty:
            self.change(self.repo.save_template, self.edited())

    def action_save(self) -> None:
        if not self.dirty:
            self.notify("Nothing changed.", timeout=notice.BRIEF)
        elif self.change(self.repo.save_template, self.edited()):
            self.notify(f"Saved your version of “{self.edited().name}”.", timeout=notice.BRIEF)

    @changes_data
    @work(exclusive=True, group="templates")
    async def action_reset(self) -> None:
        template = template_for(self.campaign, self.key)
        if self.key not in self.campaign.templates and not self.dirty:
            self.notify("This template already has the default wording.", timeout=notice.BRIEF)
            return
        if await self.app.push_screen_wait(
            ConfirmScreen(
                f"Put back the default wording of “{template.name}”?",
                "Your version of it is deleted.",
                yes="Reset",
                no="Keep mine",
            )
        ) and self.change(self.repo.reset_template, self.key):
            self._load(self.key)

    def action_choose_person(self) -> None:
        self.app.push_screen(
            CommandPalette(providers=[PreviewPersonProvider], placeholder="Preview for whom? Type part of a name…")
        )

    def preview_for(self, person_id: int) -> None:
        self.person_id = person_id
        self._update_preview()

    def action_insert_placeholder(self) -> None:
        self.app.search_commands(
            [(f"{{{name}}}", partial(self._insert, name), meaning) for name, meaning in PLACEHOLDERS.items()],
            placeholder="Which placeholder? Enter puts it at the cursor",
        )

    def _insert(self, name: str) -> None:
        """At the cursor of the subject or the body, whichever was last in use."""
        if self._in_subject:
            subject = self.query_one("#templates-subject", Input)
            subject.insert_text_at_cursor(f"{{{name}}}")
            subject.focus()
        else:
            self.body_area.insert(f"{{{name}}}")
            self.body_area.focus()

    @on(DescendantFocus)
    def _note_editor(self, event: DescendantFocus) -> None:
        if event.widget.id in ("templates-subject", "templates-body"):
            self._in_subject = event.widget.id == "templates-subject"

    def action_check_and_copy(self) -> None:
        person = self.campaign.people.get(self.person_id or 0)
        if person is None:
            self.notify("Add a person on the Targets screen (F3) to preview for.", timeout=notice.SHORT)
            return
        self.flush_unsaved()  # the preview may fix a word in the template itself: it starts from what is kept
        template = self.edited()
        self.app.push_screen(
            MessageScreen(
                draft(
                    template,
                    sample_context(self.campaign, person),
                    f"{template.name}, for {person.name}",
                    f"To {person.name}: {person.email or 'no e-mail on file'}",
                )
            ),
            lambda _: self._reload_if_fixed(template),
        )

    def _reload_if_fixed(self, previewed: Template) -> None:
        if template_for(self.campaign, previewed.key) != previewed:
            self._load(previewed.key)


def _blanks_line(message: RenderedMessage) -> Text:
    if not message.unfilled and not message.unknown:
        return Text("Every blank is filled for this person.", style="green")
    line = Text()
    for label, names, kind in (
        ("No value: ", message.unfilled, "unfilled"),
        ("Not placeholders: ", message.unknown, "unknown"),
    ):
        if names:
            line.append(("  " if line else "") + label, style="bold")
            line.append(", ".join(f"{{{name}}}" for name in names), style=BLANK_STYLES[kind])
    return line
