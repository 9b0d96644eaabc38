"""The manager's Home: this week against last (▲/▼) and the weekly charts, within Block Kit."""

from __future__ import annotations

from bot.devkit import limits, specs
from bot.domain.task import Status
from bot.services.home import ManagerHome
from bot.services.ports import ChartFile
from bot.slack.blocks.home import VIEW_BLOCKS, home_view
from tests.unit.slack.test_home_blocks import PRACTICE, many
from tests.unit.slack.test_trend_blocks import FIGURES

CHARTS = [
    ChartFile(f"F0CHART{i}", title, "Done on time: 87% this week " + "x" * 1200)
    for i, title in enumerate(("On time by week", "Open work by age", "Time to claim"))
]


def test_the_trend_and_charts_come_after_the_counts_and_fit_with_a_full_overdue_list() -> None:
    home = ManagerHome(
        counts={(Status.ASSIGNED, "scheduling"): 300},
        overdue=many(Status.ASSIGNED),
        trend=FIGURES,
        charts=CHARTS,
    )
    view = home_view(PRACTICE, home)
    blocks = view["blocks"]
    ids = [block["block_id"] for block in blocks]
    assert ids[2:8] == ["open_counts", "trend_heading", "trend", "trend_note", "chart_0", "chart_1"]
    fields = [field["text"] for field in blocks[ids.index("trend")]["fields"]]
    assert "*On time*\n87% (▲4 pts)" in fields
    assert "*Created*\n38 (▼2)" in fields
    image = blocks[ids.index("chart_0")]
    assert image["slack_file"] == {"id": "F0CHART0"}
    assert image["alt_text"].startswith("Done on time: 87%")
    assert len(blocks) <= VIEW_BLOCKS
    assert limits.check_view(view) == []
    assert specs.check_view(view) == []


def test_a_manager_home_without_a_trend_shows_no_trend_blocks() -> None:
    view = home_view(PRACTICE, ManagerHome(counts={}, overdue=many(Status.ASSIGNED)))
    assert "trend" not in [block["block_id"] for block in view["blocks"]]
