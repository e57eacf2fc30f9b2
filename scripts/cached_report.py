"""One `qscale run` per table point, its JSON report kept so a finished point is not run again.

Shared by scripts/scheme_table.py and scripts/accelerator_table.py. `qscale run --json` writes
its report through a temporary file and a rename, so a report that exists is a whole one: an
interrupted table resumes from the points it finished.
"""
import json
import os
import subprocess
import sys


def cached_report(path, sets, what):
    """The report at `path`, running `qscale run configs/default.yaml --set S...` first if it is
    not there; `what` names the point in the progress line on stderr."""
    if not os.path.exists(path):
        args = ["build/bin/qscale", "run", "configs/default.yaml", "--quiet", "--json", path]
        for s in sets:
            args += ["--set", s]
        print(f"running {what}", file=sys.stderr, flush=True)
        subprocess.run(args, check=True, stdout=subprocess.DEVNULL)
    with open(path) as f:
        return json.load(f)
