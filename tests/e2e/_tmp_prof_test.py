import time
from tests.conftest import RunningApp
from tests.e2e.helpers import delegate, card
from tests.e2e.test_races import race, Contender, CLAIMERS
from tests.support import PATEL, MARIA

def test_prof(app: RunningApp) -> None:
    for n in range(5):
        a = time.monotonic()
        reply = app.slack.slash_command("/delegate", f"scheduling r {n}", user_id=PATEL, channel_id="C0QUEUE0001")
        b = time.monotonic()
        app.settle()
        c = time.monotonic()
        t = delegate.__globals__["tasks"](app)[-1]
        message = card(app, t.code)
        d = time.monotonic()
        replies = []
        for ct in CLAIMERS:
            if ct.by_button:
                app.slack.block_actions("task_claim", user_id=ct.user, message=message)
            else:
                app.slack.thread_reply("C0QUEUE0001", message["ts"], "claim", user_id=ct.user)
        e = time.monotonic()
        app.settle()
        f = time.monotonic()
        print(f"cmd {b-a:.2f} settle {c-b:.2f} reqs {e-d:.2f} settle {f-e:.2f}")
