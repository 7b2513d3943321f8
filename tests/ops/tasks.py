"""A task for the worker fault test: the first run hangs (so that its worker can be killed
while it runs), a later run finishes. Each run appends a line to the marker file."""

import time
from pathlib import Path

from django_tasks import task


@task()
def slow_the_first_time(marker: str) -> int:
    path = Path(marker)
    runs = path.read_text().count("\n") if path.exists() else 0
    with path.open("a") as handle:
        handle.write("run\n")
    if runs == 0:
        time.sleep(120)
    return runs + 1
