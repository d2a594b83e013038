"""Tests of the render stage (a package, so module names cannot clash with other stages' tests)."""
