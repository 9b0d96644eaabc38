"""The Slack half of `bot doctor`: token, workspace, scopes, channel membership, people."""

from __future__ import annotations

from bot.domain.people import Person
from bot.domain.practice import Practice
from bot.services.checklist import Check, failed, passed, warned
from bot.services.ports import SlackIdentity, SlackRefused, SlackWorkspace

TOKEN_FIX = (
    "set SLACK_BOT_TOKEN to the Bot User OAuth Token (app settings → OAuth & Permissions), "
    "and check SLACK_API_URL"
)
SCOPES_FIX = (
    "add them under OAuth & Permissions → Bot Token Scopes (or recreate the app from "
    "`bot manifest`), then reinstall the app to the workspace"
)


def slack_checks(
    practice: Practice, slack: SlackWorkspace, required: frozenset[str]
) -> list[Check]:
    """Token first; the rest only when Slack accepted it for the configured workspace."""
    try:
        identity = slack.identity()
    except SlackRefused as refused:
        return [failed("Slack token", f"Slack refused the token ({refused.code})", TOKEN_FIX)]
    checks = [passed("Slack token", f"valid (bot user {identity.user_id})")]
    if identity.team_id != practice.team_id:
        detail = (
            f"the token is for workspace {identity.team_id}, the config says {practice.team_id}"
        )
        fix = "use the token of the app installed in the practice's workspace, or correct team_id"
        return [*checks, failed("Workspace", detail, fix)]
    checks += [passed("Workspace", practice.team_id), scopes_check(identity, required)]
    checks += channel_checks(practice, slack)
    checks += [person_check(practice, slack, p) for p in practice.people.values() if p.active]
    return checks


def scopes_check(identity: SlackIdentity, required: frozenset[str]) -> Check:
    """The granted scopes cover what `bot manifest` asks for."""
    if identity.scopes is None:
        fix = "compare OAuth & Permissions → Bot Token Scopes with `bot manifest`"
        return warned("Scopes", "Slack did not say which scopes the token has", fix)
    missing = sorted(required - identity.scopes)
    if missing:
        return failed("Scopes", f"missing {', '.join(missing)}", SCOPES_FIX)
    return passed("Scopes", f"all {len(required)} granted")


def channel_checks(practice: Practice, slack: SlackWorkspace) -> list[Check]:
    """The bot is a member of each configured channel (one check per distinct channel)."""
    roles: dict[str, list[str]] = {}
    for role, channel_id in vars(practice.channels).items():
        roles.setdefault(channel_id, []).append(role)
    return [channel_check(slack, cid, "/".join(names)) for cid, names in roles.items()]


def channel_check(slack: SlackWorkspace, channel_id: str, role: str) -> Check:
    name = f"Channel {role} ({channel_id})"
    try:
        channel = slack.channel(channel_id)
    except SlackRefused as refused:
        if refused.code == "channel_not_found":
            fix = f"check channels.{role} in the config, or invite @Handoff to the private channel"
            return failed(name, "Slack shows the bot no such channel", fix)
        return failed(name, f"Slack refused conversations.info ({refused.code})", SCOPES_FIX)
    if not channel.is_member:
        fix = f"invite @Handoff to #{channel.name} (`/invite @Handoff` in the channel)"
        return failed(name, f"the bot is not a member of #{channel.name}", fix)
    return passed(name, f"member of #{channel.name}")


def person_check(practice: Practice, slack: SlackWorkspace, person: Person) -> Check:
    """A configured person exists in Slack, is active and human; their time zone matches."""
    name = f"Person {person.name} ({person.slack_id})"
    fix_config = f"correct or remove {person.slack_id} in the config (or set active: false)"
    try:
        user = slack.user(person.slack_id)
    except SlackRefused as refused:
        return failed(name, f"Slack knows no such user ({refused.code})", fix_config)
    if user.deleted:
        return failed(name, "deactivated in Slack", fix_config)
    if user.is_bot:
        return failed(name, "a bot, not a person", fix_config)
    if user.tz and user.tz != person.tz.key:
        detail = f"Slack's time zone is {user.tz}, the config says {person.tz.key}"
        return warned(name, detail, f"set timezone: {user.tz} for them if Slack is right")
    return passed(name, "active in Slack")
