"""Anchor for `hardmax-bench jsonl`: CPython's C-accelerated json module reading a JSON Lines file
line by line into floats (inexact), the speed an exact reader is measured against.

Usage: python3 json_anchor.py FILE [REPETITIONS]
Prints one line: `best_cpu_ns=N bytes=B numbers=K` (process CPU time of the best repetition, integer
nanoseconds; the file is read into memory once, before timing, as the Swift side does per repetition
from the page cache).
"""
import json
import sys
import time


def read(data):
    numbers = 0
    for line in data.splitlines():
        if not line:
            continue
        record = json.loads(line)
        for token in record["tokens"]:
            numbers += len(token)
    return numbers


def main():
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


if __name__ == "__main__":
    main()
