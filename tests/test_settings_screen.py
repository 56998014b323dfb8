"""The Settings screen: profile and intervals, checked before anything is saved."""

from __future__ import annotations

import dataclasses

import orjson
from textual.widgets import Static

from infoint_tui.domain.models import Profile, Settings
from infoint_tui.store.reading import backups_folder
from infoint_tui.tui.screens.settings import INTERVALS, SettingsScreen, words_of

MAX_TABS = 40


def stored(repo) -> dict:
    repo.flush()
    return orjson.loads(repo.path.read_bytes())


async def open_settings(app, pilot) -> SettingsScreen:
    await pilot.press("f8")
    await pilot.pause()
    assert isinstance(app.screen, SettingsScreen)
    return app.screen


async def go_to(app, pilot, name: str) -> None:
    """Tab until the field has focus, as a user would."""
    for _ in range(MAX_TABS):
        if app.focused is not None and app.focused.id == f"field-{name}":
            return
        await pilot.press("tab")
    raise AssertionError(f"tab never reached {name}")


async def replace_text(app, pilot, name: str, text: str) -> None:
    await go_to(app, pilot, name)
    await pilot.press("ctrl+a", "ctrl+k", *text)  # start of line, delete to the end


def message(screen, name: str) -> str:
    widget = screen.query_one(f"#row-{name} .form-message", Static)
    return str(widget.render()) if widget.display else ""


def unsaved_shown(screen) -> bool:
    return screen.query_one("#settings-unsaved", Static).display


async def test_shows_the_stored_profile_intervals_and_file(make_app, repo) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_settings(app, pilot)
        profile_form, policy_form, _mail_form = screen.forms
        profile = repo.campaign.profile
        assert profile_form.values() == {
            "name": profile.name,
            "phone": profile.phone,
            "email": profile.email,
            "pitch": profile.pitch,
            "words": ", ".join(profile.words),
        }
        settings = repo.campaign.settings
        assert policy_form.values() == {
            **{i.name: str(getattr(settings, i.name)) for i in INTERVALS},
            "campaign_active": "yes",
        }
        where = str(screen.query_one("#settings-file", Static).render())
        assert str(repo.path) in where and str(backups_folder(repo.path)) in where
        assert app.focused.id == "field-name"
        assert not unsaved_shown(screen)


def test_every_setting_has_a_field() -> None:
    numbers = {f.name for f in dataclasses.fields(Settings)} - {"campaign_active"}
    assert {i.name for i in INTERVALS} == numbers
    assert all(i.minimum <= getattr(Settings(), i.name) <= i.maximum for i in INTERVALS)


def test_own_words_are_trimmed_and_deduplicated() -> None:
    assert words_of(" Figma, JTBD,, Figma ,Løvland ") == ["Figma", "JTBD", "Løvland"]
    assert words_of("") == []


async def test_valid_changes_are_saved_with_ctrl_s(make_app, repo) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_settings(app, pilot)
        await replace_text(app, pilot, "email", "alex@example.org")
        assert unsaved_shown(screen)
        await replace_text(app, pilot, "words", "Figma, JTBD,, Figma")
        await replace_text(app, pilot, "follow_up_days", "10")
        await replace_text(app, pilot, "keep_posted_days", "45")
        await go_to(app, pilot, "campaign_active")
        await pilot.press("enter", "down", "enter")  # Paused
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not unsaved_shown(screen)
    old = Profile.from_doc(stored(repo)["profile"]["1"])
    assert repo.campaign.profile == dataclasses.replace(old, email="alex@example.org", words=["Figma", "JTBD"])
    assert repo.campaign.settings == Settings(follow_up_days=10, keep_posted_days=45, campaign_active=False)
    data = stored(repo)
    assert data["profile"]["1"]["email"] == "alex@example.org"
    assert data["profile"]["1"]["words"] == ["Figma", "JTBD"]
    assert data["settings"]["1"]["follow_up_days"] == 10
    assert data["settings"]["1"]["campaign_active"] is False


async def test_bad_fields_say_why_and_nothing_is_saved(make_app, repo, notices) -> None:
    app = make_app()
    before = stored(repo)
    profile_before, settings_before = repo.campaign.profile, repo.campaign.settings
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_settings(app, pilot)
        await replace_text(app, pilot, "name", "Alexandra")  # a good change, held back with the rest
        await replace_text(app, pilot, "phone", "call me")
        await replace_text(app, pilot, "email", "alex.example.com")
        await replace_text(app, pilot, "max_attempts", "0")
        await replace_text(app, pilot, "thank_you_hours", "two days")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert message(screen, "phone") == "Use only digits, spaces and + - ( ) ."
        assert message(screen, "email") == "Write an e-mail like ana@example.com."
        assert message(screen, "max_attempts") == "Write a whole number from 1 to 10."
        assert message(screen, "thank_you_hours") == "Write a whole number from 1 to 168."
        assert app.focused.id == "field-phone"  # the first bad field
        assert any("Nothing was saved" in n.message for n in notices)
        assert repo.campaign.profile == profile_before and repo.campaign.settings == settings_before
        assert unsaved_shown(screen)
    assert stored(repo) == before


async def test_a_message_appears_on_leaving_the_field_and_goes_once_fixed(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_settings(app, pilot)
        await replace_text(app, pilot, "call_days", "99")
        assert message(screen, "call_days") == "Days after the follow-up, if still no reply"  # still typing
        await pilot.press("tab")
        await pilot.pause()
        assert message(screen, "call_days") == "Write a whole number from 1 to 60."
        await pilot.press("shift+tab", "backspace")  # "99" is selected on arrival: now empty
        await pilot.press("9")
        assert message(screen, "call_days") == "Days after the follow-up, if still no reply"


async def test_edits_survive_a_change_made_elsewhere(make_app, repo) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_settings(app, pilot)
        await replace_text(app, pilot, "pitch", "half typed")
        app.change(repo.save_settings, dataclasses.replace(repo.campaign.settings, agenda_days=14))
        await pilot.pause()
        assert screen.forms[0].values()["pitch"] == "half typed"
        await pilot.press("f4", "f8")  # away and back
        await pilot.pause()
        assert screen.forms[0].values()["pitch"] == "half typed"


async def test_untouched_fields_follow_the_data(make_app, repo) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_settings(app, pilot)
        app.change(repo.save_settings, dataclasses.replace(repo.campaign.settings, agenda_days=14))
        await pilot.pause()
        assert screen.forms[1].values()["agenda_days"] == "14"
        assert not unsaved_shown(screen)


async def test_palette_entries_go_to_their_section(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await app.open_on("settings", "edit_intervals")
        await pilot.pause()
        assert app.focused.id == f"field-{INTERVALS[0].name}"
        title = app.screen.query_one("#policy-title")
        for _ in range(5):  # the scroll waits for the new screen's first layout
            if title.region.y <= 2:
                break
            await pilot.pause()
        assert title.region.y <= 2  # its section at the top
        await app.open_on("settings", "edit_profile")
        await pilot.pause()
        assert app.focused.id == "field-name"
        await app.open_on("settings", "edit_mail")
        await pilot.pause()
        assert app.focused.id == "field-mail_mail_send"
    assert {action for _, _, action in SettingsScreen.PALETTE} == {"edit_intervals", "edit_profile", "edit_mail"}


async def test_read_only_saves_nothing_and_says_so(make_app, repo, notices) -> None:
    from infoint_tui.store.repository import Repository

    reader, reason = Repository.open_or_read_only(repo.path)
    app = make_app(reader, read_only_reason=reason)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_settings(app, pilot)
        assert "read-only" in str(screen.query_one("#settings-file", Static).render())
        await replace_text(app, pilot, "name", "Someone Else")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert reader.campaign.profile.name != "Someone Else"
        assert any(n.title == "Not changed" for n in notices)


async def test_survives_a_tiny_terminal(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_settings(app, pilot)
        await pilot.resize_terminal(20, 6)
        await pilot.press("tab", "tab", "ctrl+s")
        await pilot.pause()
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)


async def test_the_pitch_must_be_a_whole_sentence(make_app, repo) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_settings(app, pilot)
        await replace_text(app, pilot, "pitch", "I'm a nurse moving into health tech")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert message(screen, "pitch") == "End it with a full stop: the request carries on after it."
        assert repo.campaign.profile.pitch != "I'm a nurse moving into health tech"
        await pilot.press("end", ".", "ctrl+s")
        await pilot.pause()
        assert repo.campaign.profile.pitch == "I'm a nurse moving into health tech."
    assert stored(repo)["profile"]["1"]["pitch"] == "I'm a nurse moving into health tech."
