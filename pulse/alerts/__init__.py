"""Alerts that fire on what is real, scheduled board reports, and their delivery.

Rules (rules.py) name a catalogue metric, a scope and a condition; conditions.py judges them
at a data date; lifecycle.py keeps each episode in the side database; delivery.py sends by
SMTP or webhook to the users whose scope covers the unit; check.py ties these together for
one check, which the scheduler (scheduler.py) runs in the dashboard and `python -m pulse.alerts
run` runs from cron. See docs/alerts.md.
"""
