"""Anchor for `hardmax-bench jsonl`: CPython's C-accelerated json module reading a JSON Lines file
line by line into floats (inexact), the speed an exact reader is measured against.

Usage: python3 json_anchor.py FILE [REPETITIONS]
Prints one line (anchor_timing.py): `best_cpu_ns=N bytes=B numbers=K`, process CPU time of the best
repetition, each reading the file from the page cache, as the Swift side does.
"""
import json

import anchor_timing


def read(data):
    numbers = 0
    for line in data.splitlines():
        if not line:
            continue
        record = json.loads(line)
        for token in record["tokens"]:
            numbers += len(token)
    return numbers


if __name__ == "__main__":
    anchor_timing.run(read)
