from collections.abc import Callable
from pathlib import Path

import pytest

from bot.config import check_practice


@pytest.fixture
def write(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[str], str]:
    """Write the text to practice.yml in a fresh working directory; returns "practice.yml"."""
    monkeypatch.chdir(tmp_path)

    def write_file(text: str) -> str:
        Path("practice.yml").write_text(text, encoding="utf-8")
        return "practice.yml"

    return write_file


@pytest.fixture
def check(write: Callable[[str], str]) -> Callable[[str], list[str]]:
    """The problems check_practice reports for a practice.yml holding the text."""
    return lambda text: check_practice(write(text))
