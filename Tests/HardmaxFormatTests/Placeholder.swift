// Tests for HardmaxFormat.
