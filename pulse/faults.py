"""Named kill points, for crash tests only: `point("load.committed")` kills its own process
with SIGKILL when the environment variable PULSE_KILL_AT names that point, and does nothing
otherwise (one dictionary lookup).

A test sets PULSE_KILL_AT for one command and then checks that the store is exactly as before
or exactly as after (tests/test_kill_points.py). Each point is listed in POINTS with the step
it follows; a point the code does not reach is a test failure, not a silent pass.
"""

from __future__ import annotations

import os
import signal

VARIABLE = "PULSE_KILL_AT"

# every point, in the order an operation meets them, with what has happened when it fires
POINTS = {
    "load.child_started": "the dashboard's process has started the child that reads and maps "
    "the file (pulse.staging)",
    "load.read": "the file is read into memory (by the child, when there is one)",
    "profile.mapped": "the profile has mapped the file onto the table's columns (ditto)",
    "load.prepared": "the rows and candidate members are in the staging folder (ditto)",
    "load.handed_over": "the staging files are ready and the child, if any, has ended; no "
    "transaction yet",
    "load.old_load_undone": "a corrected file's earlier load is undone (--replace), in the "
    "transaction",
    "profile.members_created": "dimension members new in the file are written",
    "load.staged": "the file's rows are in the staging table",
    "load.checked": "every staged row is checked and the rejected ones have their reasons",
    "load.logged": "the load's row is in load_log",
    "load.archived": "the rows the load replaces are kept for undo",
    "load.rows_replaced": "the new rows are in the table",
    "load.rejects_recorded": "the rejected rows are in load_reject",
    "rollups.table_rebuilt": "the first stale rollup is rebuilt, its coarser copies not yet",
    "rollups.copy_rebuilt": "the first coarser copy of a rollup is rebuilt",
    "load.rollups_rebuilt": "every stale rollup is rebuilt",
    "load.before_commit": "the load is complete, not yet committed",
    "load.committed": "the load is committed",
    "undo.rows_removed": "the undone load's rows are deleted",
    "undo.rows_restored": "the rows it replaced are back",
    "undo.marked": "load_log says the load is undone",
    "undo.rollups_rebuilt": "the rollups of the days it touched are rebuilt",
    "undo.before_commit": "the undo is complete, not yet committed",
    "undo.committed": "the undo is committed",
    "inbox.request_read": "the dashboard has read a handed-in file's request",
    "inbox.loaded": "its load is committed; no audit entry, result or move yet",
    "inbox.result_written": "its result is in done/, the file and its request not yet moved",
}


def point(name: str) -> None:
    """Die here, by SIGKILL, when PULSE_KILL_AT names this point."""
    if os.environ.get(VARIABLE) == name:
        os.kill(os.getpid(), signal.SIGKILL)
