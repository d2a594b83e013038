"""The web benchmark's statistics: nearest-rank percentiles and per-level figures."""

from __future__ import annotations

import math

from web_load import LevelResult, percentile


def test_percentiles_are_nearest_rank():
    values = [float(v) for v in range(1, 101)]  # 1 .. 100
    assert percentile(values, 0.95) == 95.0
    assert percentile(values, 0.99) == 99.0
    assert percentile([5.0, 1.0, 3.0], 0.5) == 3.0
    assert percentile([7.0], 0.95) == 7.0
    assert math.isnan(percentile([], 0.95))


def test_a_level_counts_errors_apart_from_timed_answers():
    level = LevelResult("/stories/{id}", clients=10, latencies_ms=[1.0, 2.0, 3.0, 4.0], wall_s=2.0)
    for number in range(5):
        level.error(f"status 500 #{number}")
    assert level.requests == 9 and level.errors == 5
    assert level.throughput == 2.0  # successful answers per second
    assert level.figure(0.5) == 2.5 and len(level.error_examples) == 3
