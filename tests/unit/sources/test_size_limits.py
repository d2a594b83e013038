"""Wording of the size limit: readable sizes, and never two equal-looking numbers."""

from __future__ import annotations

from newsweave.sources.limits import describe_limit, describe_size, too_large_problem

MIB = 1024 * 1024


def test_sizes_are_described_in_the_unit_people_use() -> None:
    assert describe_size(812) == "812 bytes"
    assert describe_size(3 * 1024 + 512) == "3.5 KB"
    assert describe_size(200 * MIB) == "200.0 MB"
    assert describe_limit(20 * MIB) == "20 MB"


def test_problem_states_size_limit_and_what_to_do() -> None:
    problem = too_large_problem(200 * MIB, 20 * MIB)
    assert problem == "file is 200.0 MB, larger than the 20 MB limit; split it or raise max_input_bytes"


def test_sizes_that_round_alike_are_given_in_bytes() -> None:
    problem = too_large_problem(20 * MIB + 10, 20 * MIB)
    assert f"{20 * MIB + 10:,} bytes" in problem
    assert f"{20 * MIB:,} bytes limit" in problem
