"""What the benchmarks print about the machine before their figures."""

import os


def describe():
    """A line with the cores and the load average: figures taken while the machine is busy
    (load near or above the number of cores) are slower and should not be recorded."""
    cores = os.cpu_count() or 1
    load = os.getloadavg()[0]
    warning = "  — the machine is busy: figures will be slow" if load >= cores * 0.75 else ""
    print(f"machine: {cores} cores, load average {load:.2f} over the last minute{warning}")
