"""Forms: labelled fields, each checked as the user leaves it and again on save.

`Form` is the block of fields (embedded by screens such as Settings); `FormScreen` puts one
in a dialog that returns the values, or None when cancelled. A field's message line sits
right under its input: its help in a dim colour, or what is wrong in the error colour.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.events import DescendantBlur, DescendantFocus
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static, TextArea

from infoint_tui.domain.text import clean_block, clean_line
from infoint_tui.domain.validation import Check
from infoint_tui.tui.widgets.confirm import discard_changes
from infoint_tui.tui.widgets.dialog import Dialog
from infoint_tui.tui.widgets.dropdown import Dropdown
from infoint_tui.tui.widgets.read_only_line import ReadOnlyLine
from infoint_tui.tui.widgets.text_fields import TextBox, TextInput


@dataclass
class Field:
    name: str
    label: str
    value: str = ""
    check: Check | None = None
    #: (label, value) pairs: the field becomes a drop-down list.
    choices: list[tuple[str, str]] | None = None
    multiline: bool = False
    placeholder: str = ""
    help: str = ""


class FieldRow(Vertical):
    """One field: its label and control on a line, its message line below."""

    def __init__(self, field: Field) -> None:
        super().__init__(id=f"row-{field.name}", classes="form-row")
        self.field = field
        self.problem: str | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(classes="form-line"):
            yield Label(self.field.label, classes="form-label")
            yield self._control()
        yield Static(self.field.help, classes="form-message", markup=False)

    def _control(self) -> Widget:
        field, control_id = self.field, f"field-{self.field.name}"
        if field.choices is not None:
            known = any(value == field.value for _, value in field.choices)
            return Dropdown(
                field.choices,
                value=field.value if known else Select.NULL,
                allow_blank=not known,
                prompt=field.placeholder or "Choose one",
                compact=True,
                id=control_id,
            )
        if field.multiline:
            return TextBox(field.value, compact=True, placeholder=field.placeholder, id=control_id)
        return TextInput(field.value, placeholder=field.placeholder, compact=True, id=control_id)

    def on_mount(self) -> None:
        self._show()
        self._show_start()

    @on(Input.Blurred)
    def _show_start(self) -> None:
        # A long value otherwise stays scrolled to its end, hiding how it begins.
        if isinstance(self.control, Input):
            self.control.cursor_position = 0

    @property
    def control(self) -> Widget:
        return self.query_one(f"#field-{self.field.name}")

    @property
    def value(self) -> str:
        """The text as typed (or pasted), stripped and clean of control characters."""
        control = self.control
        if isinstance(control, Select):
            return "" if control.value == Select.NULL else str(control.value)
        if isinstance(control, TextArea):
            return clean_block(control.text).strip()
        assert isinstance(control, Input)
        return clean_line(control.value).strip()

    @value.setter
    def value(self, text: str) -> None:
        control = self.control
        if isinstance(control, Select):
            control.value = text if text else Select.NULL
        elif isinstance(control, TextArea):
            control.text = text
        else:
            assert isinstance(control, Input)
            control.value = text
            self._show_start()

    def check(self) -> str | None:
        """Run the field's own check and show its verdict."""
        self.set_problem(self.field.check(self.value) if self.field.check else None)
        return self.problem

    def set_problem(self, problem: str | None) -> None:
        if problem != self.problem:  # redrawing costs a layout of the whole form
            self.problem = problem
            self._show()

    def _show(self) -> None:
        message = self.query_one(".form-message", Static)
        text = self.problem or self.field.help
        message.update(text)
        message.display = bool(text)
        self.set_class(self.problem is not None, "-bad")


class Form(Vertical):
    """A block of fields; `check()` before reading `values()`.

    `check_all` receives every value and returns {field name: message} for rules that span
    several fields; those messages show only where the field's own check passed.
    """

    DEFAULT_CSS = """
    Form { height: auto; }
    Form .form-row { height: auto; }
    Form .form-line { height: auto; }
    Form .form-label { width: 24; padding: 0 1 0 0; color: $text-muted; }
    Form .form-row.-current .form-label { color: $text-accent; text-style: bold; }
    Form .form-row.-bad .form-label { color: $text-error; }
    Form .form-line > Input, Form .form-line > TextArea, Form .form-line > Select > SelectCurrent {
        width: 1fr; background: $boost;
    }
    Form .form-line > TextArea { height: 4; }
    Form .form-row.-bad .form-line > Input, Form .form-row.-bad .form-line > TextArea,
    Form .form-row.-bad .form-line > Select > SelectCurrent { background-tint: $error 20%; }
    Form .form-message { height: auto; padding: 0 0 0 24; color: $text-muted; text-style: italic; }
    Form .form-row.-bad .form-message { color: $text-error; text-style: none; }
    """

    def __init__(
        self,
        fields: list[Field],
        *,
        check_all: Callable[[dict[str, str]], dict[str, str]] | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.fields = fields
        self.check_all = check_all

    def compose(self) -> ComposeResult:
        for field in self.fields:
            yield FieldRow(field)

    @property
    def rows(self) -> list[FieldRow]:
        return list(self.query(FieldRow))

    def values(self) -> dict[str, str]:
        return {row.field.name: row.value for row in self.rows}

    def row(self, name: str) -> FieldRow:
        return self.query_one(f"#row-{name}", FieldRow)

    def check(self) -> FieldRow | None:
        """Check every field and show each verdict; return the first bad field, if any."""
        rows = self.rows
        for row in rows:
            row.check()
        if self.check_all is not None:
            for name, problem in self.check_all(self.values()).items():
                if self.row(name).problem is None:
                    self.row(name).set_problem(problem)
        return next((row for row in rows if row.problem), None)

    def set_values(self, values: dict[str, str]) -> None:
        """Show these values (say, the stored ones again), clearing every message."""
        for row in self.rows:
            row.value = values[row.field.name]
            row.set_problem(None)

    def _row_of(self, widget: Widget) -> FieldRow | None:
        for node in widget.ancestors_with_self:
            if isinstance(node, FieldRow):
                return node
        return None

    @on(DescendantFocus)
    def _mark_current(self, event: DescendantFocus) -> None:
        row = self._row_of(event.widget)
        if row is not None:
            row.add_class("-current")

    @on(DescendantBlur)
    def _check_when_left(self, event: DescendantBlur) -> None:
        row = self._row_of(event.widget)
        if row is not None:
            self.call_after_refresh(self._check_if_left, row)

    def _check_if_left(self, row: FieldRow) -> None:
        # Looked at once focus has landed: opening a drop-down moves focus inside the
        # same field, which is not leaving it.
        if not row.is_attached or self.screen is not self.app.screen:
            return  # the form is closing, or something opened over it
        focused = self.screen.focused
        if focused is None or self._row_of(focused) is not row:
            row.remove_class("-current")
            row.check()

    @on(Input.Changed)
    @on(TextArea.Changed)
    def _recheck_while_wrong(self, event: Input.Changed | TextArea.Changed) -> None:
        # Once a field is marked wrong, the message goes as soon as the text is right.
        row = self._row_of(event.control)
        if row is not None and row.problem is not None:
            row.check()

    @on(Select.Changed)
    def _check_choice(self, event: Select.Changed) -> None:
        row = self._row_of(event.control)
        if row is not None:
            row.check()

    @on(Input.Submitted)
    def _enter_moves_on(self, event: Input.Submitted) -> None:
        # Enter in the last field bubbles up to whoever owns the form (it saves there).
        if self._row_of(event.input) is not self.rows[-1]:
            event.stop()
            self.screen.focus_next()


class FormScreen(Dialog[dict[str, str] | None]):
    """A dialog of fields: ctrl+s (or Enter in the last field) returns the stripped values
    once everything is valid; escape returns None (asking first when something was changed).

    A form whose values go into the data file (`saves_data`) says so first when the file is
    read-only; it still opens, to show a record's fields whole."""

    DEFAULT_CSS = """
    FormScreen #form-scroll { height: auto; max-height: 100%; }
    """

    #: The first field has focus as the dialog composes (not the scroll box around it).
    AUTO_FOCUS = ".form-line > *"
    BINDINGS = [
        Binding("ctrl+s", "submit", "Save", id="form_submit", tooltip="Check the fields and save"),
        Binding("escape", "cancel", "Cancel", id="form_cancel", tooltip="Close without saving"),
    ]

    def __init__(
        self,
        title: str,
        fields: list[Field],
        *,
        check_all: Callable[[dict[str, str]], dict[str, str]] | None = None,
        submit_label: str = "Save",
        saves_data: bool = True,
    ) -> None:
        super().__init__()
        self.form_title = title
        self.saves_data = saves_data
        self.fields = fields
        self.check_all = check_all
        self.submit_label = submit_label
        self._shown: dict[str, str] = {}
        #: The field that has focus on opening, when not the first (say, the one to fill in).
        self.start_at = ""

    def compose(self) -> ComposeResult:
        with (
            self.box("form-box", self.form_title, f"ctrl+s {self.submit_label} · esc Cancel"),
            VerticalScroll(id="form-scroll"),
        ):
            if self.saves_data:
                yield ReadOnlyLine()
            yield Form(self.fields, check_all=self.check_all, id="form")

    def on_mount(self) -> None:
        self._shown = self.form.values()  # what escape may close on without asking
        if self.start_at:
            self.form.row(self.start_at).control.focus()

    @property
    def form(self) -> Form:
        return self.query_one("#form", Form)

    def action_submit(self) -> None:
        bad = self.form.check()
        if bad is None:
            self.dismiss(self.form.values())
        else:
            bad.control.focus()

    @work(exclusive=True, group="form-cancel")
    async def action_cancel(self) -> None:
        if self.form.values() == self._shown or await discard_changes(
            self.app, "Close the form and lose your changes?", "Nothing you changed here has been saved."
        ):
            self.dismiss(None)

    @on(Input.Submitted)
    def _submit_from_last_field(self) -> None:
        self.action_submit()
