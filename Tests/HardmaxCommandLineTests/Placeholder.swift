// Tests for HardmaxCommandLine.
