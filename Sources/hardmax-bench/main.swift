print("hardmax-bench: no benchmarks yet")
