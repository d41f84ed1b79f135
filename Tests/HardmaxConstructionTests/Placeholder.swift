// Tests for HardmaxConstruction.
