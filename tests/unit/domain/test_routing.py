from collections.abc import Iterable, Mapping
from datetime import UTC, datetime, time

import pytest

from bot.domain.people import Person
from bot.domain.routing import RoutingDecision, route
from tests.builders import (
    JOSE,
    LUIS,
    MANILA,
    MARIA,
    OSEI,
    PATEL,
    PEOPLE,
    TYPE,
    assistant,
    clinician,
    ny,
    shift,
)

MON_0730 = ny(2026, 3, 2, 7, 30)  # Jose on; Maria and Ana off
MON_10 = ny(2026, 3, 2, 10)  # Maria and Jose on; Ana off
MON_18 = ny(2026, 3, 2, 18)  # Ana on (Tuesday morning in Manila); Maria and Jose off
FRI_12 = ny(2026, 3, 6, 12)  # Saturday 01:00 in Manila: Maria's Friday shift runs on
SAT_10 = ny(2026, 3, 7, 10)  # everyone off
MARIA_NEXT = datetime(2026, 3, 9, 13, tzinfo=UTC)  # Monday 21:00 Manila
JOSE_NEXT = datetime(2026, 3, 9, 12, tzinfo=UTC)  # Monday 07:00 Bogota
ANA_NEXT = datetime(2026, 3, 8, 22, tzinfo=UTC)  # Monday 06:00 Manila
NO_SHIFT = assistant("UNOSHIFT", "Nora Cruz", MANILA, None)
TEMP = assistant("UTEMP", "Tess Lim", MANILA, shift(time(6), time(15), MANILA))


def decide(
    task: str = "scheduling",
    requester: Person = PATEL,
    explicit: Person | str | None = None,
    now: datetime = MON_10,
    people: Iterable[Person] = PEOPLE,
    counts: Mapping[str, int] | None = None,
    last: Mapping[str, datetime] | None = None,
    away: frozenset[str] = frozenset(),
) -> RoutingDecision:
    return route(
        task_type=TYPE[task],
        requester=requester,
        explicit=explicit,
        people=people,
        open_counts=counts or {},
        last_assigned=last or {},
        now=now,
        away=away,
    )


@pytest.mark.parametrize(
    ("decision", "assignee", "rule", "waits_until"),
    [
        pytest.param(decide(explicit=JOSE), "UJOSE", "explicit", None, id="explicit-on-shift"),
        pytest.param(decide(explicit="UJOSE"), "UJOSE", "explicit", None, id="explicit-by-id"),
        pytest.param(
            decide(explicit=MARIA, now=SAT_10), "UMARIA", "explicit", MARIA_NEXT, id="explicit-off"
        ),
        pytest.param(decide(), "UMARIA", "preferred", None, id="preferred"),
        pytest.param(decide(now=MON_0730), "UJOSE", "preferred", None, id="second-preferred"),
        pytest.param(
            decide("prior_authorization", clinician("UX", "Dr. X", ("UJOSE", "UMARIA"))),
            "UMARIA",
            "preferred",
            None,
            id="preferred-skips-not-cleared",
        ),
        pytest.param(
            decide("prior_authorization", now=FRI_12),
            "UMARIA",
            "preferred",
            None,
            id="overnight-shift-past-midnight",
        ),
        pytest.param(decide(now=MON_18), "UANA", "least_loaded", None, id="preferred-off-other-on"),
        pytest.param(
            decide(requester=OSEI, counts={"UMARIA": 3, "UJOSE": 1}),
            "UJOSE",
            "least_loaded",
            None,
            id="inactive-preferred-fewest-open",
        ),
        pytest.param(
            decide(
                requester=OSEI,
                counts={"UMARIA": 2, "UJOSE": 2},
                last={"UMARIA": ny(2026, 3, 2, 9), "UJOSE": ny(2026, 3, 2, 9, 30)},
            ),
            "UMARIA",
            "least_loaded",
            None,
            id="tie-least-recently-assigned",
        ),
        pytest.param(
            decide(requester=OSEI, last={"UJOSE": ny(2026, 3, 2, 9)}),
            "UMARIA",
            "least_loaded",
            None,
            id="tie-never-assigned-first",
        ),
        pytest.param(decide(requester=OSEI), "UJOSE", "least_loaded", None, id="tie-by-slack-id"),
        pytest.param(
            decide(now=SAT_10), "UMARIA", "off_shift_preferred", MARIA_NEXT, id="off-preferred"
        ),
        pytest.param(
            decide(requester=OSEI, now=SAT_10), "UANA", "next_shift", ANA_NEXT, id="next-shift"
        ),
        pytest.param(
            decide("records_request", OSEI, now=SAT_10),
            "UJOSE",
            "next_shift",
            JOSE_NEXT,
            id="next-shift-among-cleared",
        ),
        pytest.param(
            decide(requester=OSEI, now=SAT_10, people=(NO_SHIFT, TEMP)),
            "UTEMP",
            "next_shift",
            ANA_NEXT,
            id="no-shift-goes-last",
        ),
        pytest.param(
            decide(requester=OSEI, now=SAT_10, people=(NO_SHIFT,)),
            "UNOSHIFT",
            "next_shift",
            None,
            id="only-no-shift",
        ),
        pytest.param(
            decide(away=frozenset({"UMARIA"})),
            "UJOSE",
            "preferred",
            None,
            id="away-preferred-skipped",
        ),
        pytest.param(
            decide(requester=OSEI, away=frozenset({"UJOSE"})),
            "UMARIA",
            "least_loaded",
            None,
            id="away-never-least-loaded",
        ),
        pytest.param(
            decide(requester=OSEI, now=SAT_10, away=frozenset({"UANA"})),
            "UJOSE",
            "next_shift",
            JOSE_NEXT,
            id="away-never-waited-for",
        ),
        pytest.param(
            decide(away=frozenset({"UMARIA", "UJOSE", "UANA"})),
            None,
            "no_one_in_scope",
            None,
            id="everyone-away",
        ),
        pytest.param(
            decide(requester=OSEI, people=(LUIS, OSEI, PATEL)),
            None,
            "no_one_in_scope",
            None,
            id="only-inactive-cleared",
        ),
    ],
)
def test_route(
    decision: RoutingDecision, assignee: str | None, rule: str, waits_until: datetime | None
) -> None:
    assert (decision.assignee, decision.rule, decision.waits_until) == (assignee, rule, waits_until)
    assert not decision.refused


@pytest.mark.parametrize(
    ("decision", "reason", "alternatives"),
    [
        pytest.param(
            decide("prior_authorization", explicit=JOSE),
            "Jose Ramos is not cleared for Prior authorization",
            ("UMARIA", "UANA"),
            id="not-cleared",
        ),
        pytest.param(
            decide("prior_authorization", explicit=JOSE, now=MON_18),
            "Jose Ramos is not cleared for Prior authorization",
            ("UANA", "UMARIA"),
            id="on-shift-alternatives-first",
        ),
        pytest.param(
            decide(explicit=LUIS),
            "Luis Gomez is not an active assistant",
            ("UJOSE", "UMARIA", "UANA"),
            id="inactive",
        ),
        pytest.param(
            decide(explicit="UOSEI"),
            "Dr. Ken Osei is not an active assistant",
            ("UJOSE", "UMARIA", "UANA"),
            id="clinician",
        ),
        pytest.param(
            decide(explicit="UNOBODY"),
            "Unknown person",
            ("UJOSE", "UMARIA", "UANA"),
            id="unknown",
        ),
        pytest.param(
            decide(explicit=JOSE, away=frozenset({"UJOSE"})),
            "Jose Ramos is away",
            ("UMARIA", "UANA"),
            id="away-offers-who-is-on-shift",
        ),
        pytest.param(
            decide(explicit=LUIS, people=(LUIS,)),
            "Luis Gomez is not an active assistant",
            (),
            id="no-alternatives",
        ),
    ],
)
def test_explicit_refusals(
    decision: RoutingDecision, reason: str, alternatives: tuple[str]
) -> None:
    assert decision.refused
    assert (decision.assignee, decision.rule) == (None, "explicit")
    assert (decision.reason, decision.alternatives) == (reason, alternatives)


@pytest.mark.parametrize(
    ("decision", "reason"),
    [
        pytest.param(decide(explicit=JOSE), "Jose Ramos was chosen", id="explicit"),
        pytest.param(
            decide(explicit=MARIA, now=SAT_10),
            "Maria Santos was chosen and is off shift; the task waits for the next shift",
            id="explicit-off-shift",
        ),
        pytest.param(
            decide(), "Dr. Anita Patel's assistant Maria Santos is on shift", id="preferred"
        ),
        pytest.param(
            decide(now=MON_18),
            "Ana Reyes is on shift and has the fewest open tasks",
            id="least-loaded",
        ),
        pytest.param(
            decide(now=SAT_10),
            "Dr. Anita Patel's assistant Maria Santos is off shift; "
            "the task waits for the next shift",
            id="off-shift-preferred",
        ),
        pytest.param(
            decide(requester=OSEI, now=SAT_10),
            "No one cleared for Scheduling is on shift; the task waits for Ana Reyes's next shift",
            id="next-shift",
        ),
        pytest.param(
            decide(people=()),
            "No active assistant is cleared for Scheduling",
            id="no-one",
        ),
    ],
)
def test_reasons(decision: RoutingDecision, reason: str) -> None:
    assert decision.reason == reason


def test_people_may_be_a_one_shot_iterable() -> None:
    assert decide(people=iter(PEOPLE)).assignee == "UMARIA"
