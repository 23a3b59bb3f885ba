"""Item 7: the project lock is mutually exclusive under contention. Four processes acquire and release one
project's lock as fast as they can; inside the lock each creates a marker file with O_EXCL, so a second holder
at the same moment finds the marker there (an overlap)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

HAMMER = textwrap.dedent("""
    import os, sys, time
    from pathlib import Path
    from gridmap.core.errors import ProjectLocked
    from gridmap.store.gpkg import ProjectLock

    project, marker, seconds = Path(sys.argv[1]), sys.argv[2], float(sys.argv[3])
    held = overlaps = 0
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            lock = ProjectLock(project).acquire()
        except ProjectLocked:
            continue
        try:
            fd = os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        except FileExistsError:
            overlaps += 1  # another process is inside the lock too
        else:
            held += 1
            os.close(fd)
            os.unlink(marker)
        lock.release()
    print(held, overlaps)
""")


def test_four_processes_never_hold_the_lock_together(tmp_path):
    project = tmp_path / "p.gpkg"
    project.write_bytes(b"")  # the lock does not read the project
    marker = tmp_path / "inside"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    procs = [subprocess.Popen([sys.executable, "-c", HAMMER, str(project), str(marker), "3"],
                              stdout=subprocess.PIPE, text=True, env=env) for _ in range(4)]
    results = [tuple(map(int, p.communicate(timeout=60)[0].split())) for p in procs]
    assert all(p.returncode == 0 for p in procs)
    held = sum(h for h, _ in results)
    overlaps = sum(o for _, o in results)
    assert held > 100  # the processes really took turns
    assert overlaps == 0, f"{overlaps} overlapping holders in {held} acquisitions"
