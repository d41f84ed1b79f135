// Tests for HardmaxVerifier.
