"""The line-API list: only visible rows are formatted; the cursor moves and says so."""

from __future__ import annotations

from rich.segment import Segment
from textual.app import App, ComposeResult
from textual.strip import Strip

from infoint_tui.tui.widgets.record_list import RecordList

HEIGHT = 10


class ListApp(App):
    CSS = f"RecordList {{ height: {HEIGHT}; }}"

    def __init__(self, ids: list[int]) -> None:
        super().__init__()
        self.ids = ids
        self.formatted: list[int] = []
        self.highlighted: list[int | None] = []
        self.chosen: list[int] = []

    def row(self, record_id: int, width: int) -> Strip:
        self.formatted.append(record_id)
        return Strip([Segment(f"record {record_id}")])

    def compose(self) -> ComposeResult:
        yield RecordList(self.row, empty_text="Nothing at all.")

    def on_mount(self) -> None:
        self.query_one(RecordList).set_rows(self.ids)
        self.query_one(RecordList).focus()

    def on_record_list_highlighted(self, event: RecordList.Highlighted) -> None:
        self.highlighted.append(event.record_id)

    def on_record_list_chosen(self, event: RecordList.Chosen) -> None:
        self.chosen.append(event.record_id)


def shown(app: ListApp) -> list[str]:
    return [line.text.strip() for line in app.query_one(RecordList).render_lines(app.query_one(RecordList).size.region)]


async def test_thirty_thousand_rows_format_only_the_visible_ones() -> None:
    app = ListApp(list(range(1, 30_001)))
    async with app.run_test(size=(40, 20)) as pilot:
        await pilot.pause()
        records = app.query_one(RecordList)
        assert records.virtual_size.height == 30_000
        assert sorted(set(app.formatted)) == list(range(1, HEIGHT + 1))
        app.formatted.clear()
        await pilot.press("end")
        await pilot.pause()
        assert records.highlighted_id == 30_000
        assert records.scroll_offset.y == 30_000 - HEIGHT
        assert set(app.formatted) <= set(range(30_000 - HEIGHT + 1, 30_001))
        assert shown(app)[-1] == "record 30000"
        assert records.move_to(15_000) and not records.move_to(99_999)
        await pilot.pause()
        assert records.highlighted_id == 15_000
        assert shown(app).index("record 15000") in (HEIGHT // 2 - 1, HEIGHT // 2)  # mid-list


async def test_keys_move_the_cursor_and_each_move_is_announced() -> None:
    app = ListApp(list(range(100, 200)))
    async with app.run_test(size=(40, 20)) as pilot:
        records = app.query_one(RecordList)
        await pilot.pause()
        assert app.highlighted[-1] == 100
        await pilot.press("down", "down")
        await pilot.pause()
        assert records.highlighted_id == 102
        assert app.highlighted[-1] == 102
        await pilot.press("pagedown")
        assert records.cursor == 2 + HEIGHT - 1
        await pilot.press("up")
        assert records.cursor == HEIGHT
        await pilot.press("home", "up")
        assert records.cursor == 0
        await pilot.press("end", "down")
        assert records.highlighted_id == 199
        await pilot.press("pageup")
        assert records.cursor == 99 - (HEIGHT - 1)
        await pilot.press("enter")
        await pilot.pause()
        assert app.chosen == [records.highlighted_id]


async def test_new_rows_keep_the_cursor_on_a_record_or_at_its_place() -> None:
    app = ListApp([1, 2, 3, 4, 5])
    async with app.run_test(size=(40, 20)) as pilot:
        records = app.query_one(RecordList)
        await pilot.press("down", "down")
        records.set_rows([5, 4, 3, 2, 1], keep=3)
        assert records.highlighted_id == 3 and records.cursor == 2
        records.set_rows([5, 4, 2, 1], keep=3)  # 3 was deleted: the next one takes its place
        assert records.highlighted_id == 2
        records.set_rows([1, 2], keep=9)
        assert records.highlighted_id == 2  # clamped to the end
        records.set_rows([7, 8, 9])
        assert records.highlighted_id == 7
        await pilot.pause()
        assert app.highlighted[-1] == 7


async def test_an_empty_list_says_so_and_highlights_nothing() -> None:
    app = ListApp([])
    async with app.run_test(size=(40, 20)) as pilot:
        await pilot.pause()
        records = app.query_one(RecordList)
        assert records.highlighted_id is None
        assert app.highlighted == [None]
        assert shown(app)[0] == "Nothing at all."
        await pilot.press("down", "end", "enter")
        assert app.chosen == []


async def test_cursor_row_is_drawn_with_the_cursor_style() -> None:
    app = ListApp([1, 2, 3])
    async with app.run_test(size=(40, 20)) as pilot:
        await pilot.press("down")
        await pilot.pause()
        records = app.query_one(RecordList)
        cursor = records.get_component_rich_style("record-list--cursor")
        lines = records.render_lines(records.size.region)
        assert lines[1].text.startswith("record 2")
        assert all(segment.style and segment.style.bgcolor == cursor.bgcolor for segment in lines[1])
        assert not any(segment.style and segment.style.bgcolor == cursor.bgcolor for segment in lines[0])


def test_queued_highlights_of_one_list_replace_each_other() -> None:
    first, second = RecordList(lambda i, w: Strip([])), RecordList(lambda i, w: Strip([]))
    newer = RecordList.Highlighted(first, 2)
    assert newer.can_replace(RecordList.Highlighted(first, 1))
    assert not newer.can_replace(RecordList.Highlighted(second, 1))
