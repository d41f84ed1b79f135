"""Anchor for `hardmax-bench jsonl --file F.ts`: CPython reading a UEA/UCR `.ts` file into floats
(inexact) the way the usual Python loaders do (a line per case, channels split at ':', values at ',',
each value through float()), the speed an exact reader is measured against.

Usage: python3 ts_anchor.py FILE [REPETITIONS]
Prints one line: `best_cpu_ns=N bytes=B numbers=K` (process CPU time of the best repetition, integer
nanoseconds; the file is read from the page cache in every repetition, as the Swift side does).
"""
import sys
import time


def read(data):
    numbers = 0
    in_data = False
    for line in data.decode("utf-8").splitlines():
        line = line.strip()
        if not line or line[0] in "#%":
            continue
        if not in_data:
            in_data = line.lower().startswith("@data")
            continue
        fields = line.split(":")
        label = fields[-1]
        for channel in fields[:-1]:
            values = [float(v) for v in channel.split(",")]
            numbers += len(values)
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
