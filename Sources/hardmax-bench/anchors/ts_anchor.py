"""Anchor for `hardmax-bench jsonl --file F.ts`: CPython reading a UEA/UCR `.ts` file into floats
(inexact) the way the usual Python loaders do (a line per case, channels split at ':', values at ',',
each value through float()), the speed an exact reader is measured against.

Usage: python3 ts_anchor.py FILE [REPETITIONS]
Prints one line (anchor_timing.py): `best_cpu_ns=N bytes=B numbers=K`, process CPU time of the best
repetition, each reading the file from the page cache, as the Swift side does.
"""
import anchor_timing


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


if __name__ == "__main__":
    anchor_timing.run(read)
