// Tests for HardmaxExplorer.
