"""Make an SVG and a PNG of every screen on demo data at 100x30.

    .venv/bin/python screenshots/make.py [NAME ...]   (no names: every one)

PNGs need `rsvg-convert` (Debian: librsvg2-bin); without it only SVGs are written.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

os.environ["TEXTUAL_ANIMATIONS"] = "none"
os.environ["INFOINT_TODAY"] = "2026-11-26T09:00"  # a fixed hour too: the hours left stay put

from infoint_tui.config import Config
from infoint_tui.demo import write_demo
from infoint_tui.store.repository import Repository
from infoint_tui.tui.app import InfointApp

HERE = Path(__file__).resolve().parent
SIZE = (100, 30)
#: File name -> keys pressed after start-up to reach the view.
SHOTS: dict[str, list[str]] = {
    "queue": [],
    "targets": ["f3"],
    "objectives": ["f4"],
    "templates": ["f5"],
    "interviews": ["f6"],
    "live-interview": ["f6", "enter"],
    "insights": ["f7"],
    "settings": ["f8"],
    "help": ["f1"],
    "palette": ["ctrl+p", *"new"],
    "text-check": ["c"],
    "prepare": ["f6", "p"],
    "mail-settings": ["ctrl+p", *"Mail settings", "enter"],
}
#: The README's first mail example, sending by SMTP: the text check offers Send, and the
#: mail settings show it filled in. No mailbox to read, so no shot reaches a server.
MAIL = {
    "send": "smtp",
    "from": "Alex Morgan <alex.morgan@example.com>",
    "smtp": {
        "host": "smtp.fastmail.com",
        "port": 587,
        "security": "starttls",
        "user": "alex.morgan@example.com",
        "password_command": "pass show mail/fastmail",
    },
}


async def shoot(name: str, keys: list[str], data: Path) -> Path:
    repo = Repository.open(data, background=True)
    app = InfointApp(repo, config=Config(data.with_name("config.toml"), document={"mail": MAIL}))
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            for key in keys:
                await pilot.press(key)
                await pilot.pause()
            # Not the workers of the screens beneath: one that opened the dialog shown waits for it to close.
            drawing = [worker for worker in app.workers if getattr(worker.node, "screen", app.screen) is app.screen]
            if drawing:  # (an empty list would mean every worker)
                await app.workers.wait_for_complete(drawing)
            await pilot.pause()
            svg = HERE / f"{name}.svg"
            svg.write_text(app.export_screenshot(title=f"infoint: {name}"), encoding="utf-8")
    finally:
        repo.close()
    return svg


def to_png(svg: Path) -> None:
    # rsvg-convert drops the no-break space a run of text starts with ("^l Ask" drawn as
    # "^lAsk"): the PNG is drawn from a copy with plain spaces, kept as they are.
    text = svg.read_text(encoding="utf-8").replace("<svg ", '<svg xml:space="preserve" ', 1)
    subprocess.run(
        ["rsvg-convert", "-o", str(svg.with_suffix(".png"))],
        input=text.replace("&#160;", " ").encode(),
        check=True,
    )


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "demo.json"
        write_demo(data, 60, date(2026, 11, 26))
        pristine = data.read_bytes()
        for name in sys.argv[1:] or SHOTS:
            keys = SHOTS[name]
            data.write_bytes(pristine)  # every shot starts from the same demo
            svg = asyncio.run(shoot(name, keys, data))
            if shutil.which("rsvg-convert"):
                to_png(svg)
            print(f"screenshots/{svg.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
