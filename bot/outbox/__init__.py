"""The outbox relay: queue, leases, sending with retries and pacing, dead rows, alerts."""
