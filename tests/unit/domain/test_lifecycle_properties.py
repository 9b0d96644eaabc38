"""Properties of `decide` and `may_view_details` over arbitrary actors, actions and tasks."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from hypothesis import example, given
from hypothesis import strategies as st

from bot.domain.access import may_view_details
from bot.domain.lifecycle import ALLOWED_FROM, Action, decide
from bot.domain.people import Person, Role
from bot.domain.task import Status, Task
from tests.builders import make_task

NY = ZoneInfo("America/New_York")
NOW = datetime(2026, 12, 1, 15, tzinfo=UTC)
# Few ids and types, so actors often are the requester or assignee and often in scope.
IDS = ("U1", "U2", "U3")
TYPES = ("scheduling", "records_request")
CLOSED = frozenset({Status.DONE, Status.CANCELLED})


def task_with(status: Status, type_id: str, requester_id: str, assignee_id: str | None) -> Task:
    return make_task(
        7, type_id=type_id, status=status, requester_id=requester_id, assignee_id=assignee_id,
        due_at=NOW, created_at=NOW,
    )  # fmt: skip


def make_person(slack_id: str, role: Role, active: bool, scopes: frozenset[str]) -> Person:
    return Person(slack_id, role, f"Person {slack_id}", NY, active=active, scopes=scopes)


people = st.builds(
    make_person,
    slack_id=st.sampled_from(IDS),
    role=st.sampled_from(Role),
    active=st.booleans(),
    scopes=st.frozensets(st.sampled_from(TYPES)),
)
actors = st.none() | people
actions = st.sampled_from(Action)
tasks = st.builds(
    task_with,
    status=st.sampled_from(Status),
    type_id=st.sampled_from(TYPES),
    requester_id=st.sampled_from(IDS),
    assignee_id=st.none() | st.sampled_from(IDS),
)


@given(actor=actors, action=actions, task=tasks, target=actors)
def test_decide_never_raises_and_refusals_explain_themselves(
    actor: Person | None, action: Action, task: Task, target: Person | None
) -> None:
    verdict = decide(actor, action, task, target=target)

    if not verdict.allowed:
        assert verdict.why.strip()
        assert verdict.who_can.strip()


@given(actor=actors, action=actions, task=tasks, target=actors)
def test_allowed_only_from_the_action_states_and_only_for_active_people(
    actor: Person | None, action: Action, task: Task, target: Person | None
) -> None:
    verdict = decide(actor, action, task, target=target)

    if verdict.allowed:
        assert task.status in ALLOWED_FROM[action]
        assert actor is not None
        assert actor.active


@given(
    actor=actors,
    action=actions,
    task=tasks.filter(lambda task: task.status in CLOSED),
    target=actors,
)
def test_nothing_is_allowed_on_done_or_cancelled_tasks(
    actor: Person | None, action: Action, task: Task, target: Person | None
) -> None:
    assert not decide(actor, action, task, target=target).allowed


@given(actor=people, action=actions, task=tasks, target=actors)
def test_allowed_claims_and_reassignments_respect_scope(
    actor: Person, action: Action, task: Task, target: Person | None
) -> None:
    verdict = decide(actor, action, task, target=target)

    if verdict.allowed and action is Action.CLAIM:
        assert actor.role is Role.ASSISTANT
        assert task.type_id in actor.scopes
    if verdict.allowed and action is Action.REASSIGN:
        assert actor.role is Role.MANAGER
        assert target is not None
        assert target.active
        assert target.role is Role.ASSISTANT
        assert task.type_id in target.scopes
        assert target.slack_id != task.assignee_id


@given(
    admin=people.map(lambda person: make_person("UADMIN", Role.ADMIN, True, person.scopes)),
    action=actions,
    task=tasks,
    target=actors,
)
def test_an_admin_who_is_not_party_to_the_task_is_never_allowed_anything(
    admin: Person, action: Action, task: Task, target: Person | None
) -> None:
    assert not decide(admin, action, task, target=target).allowed


@given(
    admin=people.map(lambda person: make_person(person.slack_id, Role.ADMIN, True, person.scopes)),
    action=actions,
    task=tasks,
    target=actors,
)
@example(
    admin=make_person("U1", Role.ADMIN, True, frozenset()),
    action=Action.DONE,
    task=task_with(Status.CLAIMED, "scheduling", "U2", "U1"),
    target=None,
)
@example(
    admin=make_person("U2", Role.ADMIN, True, frozenset()),
    action=Action.CANCEL,
    task=task_with(Status.UNASSIGNED, "scheduling", "U2", None),
    target=None,
)
def test_an_admin_is_never_allowed_anything(
    admin: Person, action: Action, task: Task, target: Person | None
) -> None:
    assert not decide(admin, action, task, target=target).allowed


@given(
    clinician=people.map(lambda p: make_person(p.slack_id, Role.CLINICIAN, p.active, p.scopes)),
    action=actions,
    task=tasks,
    target=actors,
)
@example(  # one who was an assistant still holds a task they claimed then
    clinician=make_person("U1", Role.CLINICIAN, True, frozenset()),
    action=Action.RELEASE,
    task=task_with(Status.CLAIMED, "scheduling", "U2", "U1"),
    target=None,
)
def test_a_clinician_never_acts_on_another_clinicians_task(
    clinician: Person, action: Action, task: Task, target: Person | None
) -> None:
    if clinician.slack_id != task.requester_id:
        assert not decide(clinician, action, task, target=target).allowed


@given(actor=actors, action=actions, task=tasks, target=actors)
def test_the_check_before_a_form_never_refuses_what_the_form_would_allow(
    actor: Person | None, action: Action, task: Task, target: Person | None
) -> None:
    if decide(actor, action, task, target=target).allowed:
        assert decide(actor, action, task, target=target, check_target=False).allowed


@given(actor=actors, action=actions, task=tasks, target=actors)
def test_whoever_may_act_on_a_task_may_see_its_details_except_to_claim_it_from_another(
    actor: Person | None, action: Action, task: Task, target: Person | None
) -> None:
    claiming_from_another = action is Action.CLAIM and task.status is Status.ASSIGNED
    if decide(actor, action, task, target=target).allowed and not claiming_from_another:
        assert may_view_details(actor, task)


@given(viewer=actors, task=tasks)
def test_only_active_people_see_details(viewer: Person | None, task: Task) -> None:
    if viewer is None or not viewer.active:
        assert not may_view_details(viewer, task)
