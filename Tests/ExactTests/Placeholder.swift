// Tests for Exact.
