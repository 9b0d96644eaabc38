"""`bot demo` plays its scenario end to end and the transcript shows each moment."""

from __future__ import annotations

from pathlib import Path

import pytest
from matplotlib.image import imread

from bot.devkit.demo import run_demo


def test_the_demo_runs_clean_and_shows_what_each_person_saw(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert run_demo(weekly_out=tmp_path) == 0
    out = capsys.readouterr().out
    assert "T-0005" in out
    assert "looks like it holds a phone number" in out
    assert "Maria Santos is not cleared for Refill paperwork. Could take it: José Ramírez." in out
    assert "waits unassigned in the queue" in out
    assert "DM → Linda Brooks" in out
    assert "The details of T-0001 are private" in out
    assert "all valid against the Slack specs" in out
    assert "Maria Santos is away. Could take it: José Ramírez." in out  # time off
    assert out.count("• T-0009: @Maria Santos → @José Ramírez") == 1  # swept once
    assert "is already claimed" in out  # the claim race's loser is told who has it
    assert out.count("claimed T-0006.") == 1
    assert "answered; T-0001 is back with @Maria Santos" in out
    assert "PPO, member id" not in out  # the answer stays private
    assert "Coverage active" not in out  # so does the done note
    for role in ("Maria Santos", "Dr. Priya Patel", "Linda Brooks"):
        assert f"App Home → {role}" in out
    queue_cards = out.split("┌ #queue\n")[1:]
    assert len(queue_cards) == 9  # two of them in the time off act
    assert all("Jane Roe" not in card.split("┌")[0] for card in queue_cards)


def test_the_demos_second_act_runs_the_clock_through_a_night(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert run_demo(weekly_out=tmp_path) == 0
    clock = capsys.readouterr().out.split("The clock runs from")[1]
    assert "Reminder: T-0003 (Patient questions) is waiting on the clinician's answer" in clock
    assert "is 30 min late to be claimed" in clock  # level 1
    assert "is 2 hours late to be claimed" in clock  # level 2, managers too
    assert "T-0007 went back to the queue: @Maria Santos's claim lease ran out" in clock
    night = clock.split("⏱  Tue 17:30")[1].split("⏱  Wed 08:00")[0]
    assert "late" not in night  # business clocks stop at closing; pings wait for morning
    morning = clock.split("⏱  Wed 08:00")[1].split("⏱")[0]
    assert "DM → Linda Brooks: T-0004 (Refill paperwork)" in morning  # released at opening
    for digest in ("Daily digest:", "Start of shift:", "End of day:"):
        assert digest in clock


def test_the_demo_ends_with_the_weekly_digest_written_to_a_folder_it_names(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = tmp_path / "weekly"
    assert run_demo(weekly_out=folder) == 0
    weekly = capsys.readouterr().out.split("the weekly digest goes out")[1]
    assert "#c0handdigst1: Weekly summary: on time" in weekly
    assert f"Weekly digest written to {folder}/: on_time.png, open_by_age.png" in weekly
    for chart in ("on_time.png", "open_by_age.png", "assistants.png"):
        assert imread(folder / chart).shape[:2] == (450, 800)
    assert (folder / "summary.txt").read_text(encoding="utf-8").startswith("Weekly summary: ")


def test_the_demos_last_act_grants_a_scope_from_the_team_view(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run_demo() == 0
    act = capsys.readouterr().out.split("Linda (manager) opens the Team view")[1]
    assert "App Home → Linda Brooks" in act
    assert "grants him prior authorization" in act
    assert "adds Nia, a new assistant on nights" in act.split("grants him")[1]
    report = act.split("Linda opens Maria's access report")[1]
    assert "`T-0001` · Tue Dec 1, 10:00 AM EST · viewed · card" in report
    assert "@Nia Okafor · assistant" in act  # the Team view names her, as Slack would
    assert "@U0DEMONIA01" not in act


def test_the_time_off_act_ends_with_maria_back_early(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_demo() == 0
    act = capsys.readouterr().out.split("Maria is back early")[1].split("── ")[0]
    assert "modal “Change time off”" in act
    assert act.split("┌ App Home → Maria Santos")[-1].count("*Away*: Nobody.") == 1
