"""The timing both reading anchors share (json_anchor.py, ts_anchor.py): the best of REPETITIONS runs
of `read(bytes) -> numbers` over FILE, each reading the file from the page cache, in process CPU time.

Prints one line: `best_cpu_ns=N bytes=B numbers=K` (integer nanoseconds).
"""
import sys
import time


def run(read):
    path = sys.argv[1]
    repetitions = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    best = None
    numbers = 0
    size = 0
    for _ in range(repetitions):
        start = time.process_time_ns()
        with open(path, "rb") as f:
            data = f.read()
        numbers = read(data)
        elapsed = time.process_time_ns() - start
        size = len(data)
        best = elapsed if best is None else min(best, elapsed)
    print(f"best_cpu_ns={best} bytes={size} numbers={numbers}")
