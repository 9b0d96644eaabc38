"""Every Bolt registration of the app, by Slack surface: the index of what answers what.

Listeners are module-level functions; middleware puts `handoff`, `now` and the team's
`practice` into `context`. A listener answers Slack after one short transaction; a modal it
asks for (`bot/handlers/modals.py`) is opened by the serving process right after the ack.
"""

from __future__ import annotations

from slack_bolt import App

from bot.bootstrap import Handoff
from bot.handlers import (
    access,
    actions,
    commands,
    errors,
    events,
    middleware,
    roster,
    shortcuts,
    time_off,
    views,
)
from bot.slack.ids import COMMAND, Button, Callback, HomeButton, Shortcut
from bot.slack.parse import button_pattern as button
from bot.slack.parse import person_button_pattern as person_button


def build_app(handoff: Handoff) -> App:
    """The Bolt app: acks after one short transaction; modals open after the ack."""
    app = App(
        name="handoff",
        signing_secret=handoff.settings.slack_signing_secret,
        client=handoff.client,
        process_before_response=True,
    )
    # errors
    app.error(errors.replying(handoff))
    # middleware, in order
    app.middleware(middleware.serving(handoff))
    app.middleware(middleware.printable_text)
    app.middleware(middleware.known_team)
    # the writes people make most, first: Bolt tries each listener's matcher in turn
    # commands
    app.command(COMMAND)(commands.delegate)
    # actions: buttons on cards, DMs and App Home (`task_claim`, or `task_claim:42` on lists)
    app.action(button(Button.CLAIM))(actions.claim_or_release)
    app.action(button(Button.RELEASE))(actions.claim_or_release)
    # views: the forms that change tasks
    app.view(Callback.DELEGATE)(views.delegate)
    app.view(Callback.TASK_ACTION)(views.task_action)
    # shortcuts
    app.message_shortcut(Shortcut.DELEGATE_MESSAGE)(shortcuts.delegate_message)
    # actions: the other buttons
    app.action(button(Button.DONE))(actions.ask_form)
    app.action(button(Button.RETURN))(actions.ask_form)
    app.action(button(Button.ANSWER))(actions.ask_form)
    app.action(button(Button.MORE))(actions.ask_form)
    app.action(button(Button.VIEW_DETAILS))(actions.view_details)
    app.action(Button.OPEN_THREAD)(actions.open_thread)
    app.action(person_button(Button.ROSTER_EDIT))(roster.edit_person)
    app.action(HomeButton.ROSTER_ADD)(roster.ask_add)
    app.action(person_button(Button.ACCESS_REPORT))(access.open_report)
    # views: the roster's forms
    app.view(Callback.ROSTER)(roster.save_person)
    app.view(Callback.ROSTER_ADD)(roster.save_new_person)
    # time off (App Home)
    app.action(HomeButton.TIME_OFF)(time_off.ask)
    app.view(Callback.TIME_OFF)(time_off.submit)
    app.action(button(HomeButton.TIME_OFF_CHANGE))(time_off.ask_change)
    app.view(Callback.TIME_OFF_CHANGE)(time_off.submit_change)
    # events
    app.event("message")(events.message)
    app.event("user_change")(events.user_change)
    app.event("app_home_opened")(events.app_home_opened)
    return app
