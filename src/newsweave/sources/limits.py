"""How big an input may be, and how to say so in words a reader can act on."""

from __future__ import annotations

KIB = 1024
MIB = 1024 * 1024


def describe_size(size: int) -> str:
    """Return a byte count as people say it: '812 bytes', '3.4 KB', '200.0 MB'."""
    if size < KIB:
        return f"{size:,} bytes"
    if size < MIB:
        return f"{size / KIB:.1f} KB"
    return f"{size / MIB:.1f} MB"


def describe_limit(limit: int) -> str:
    """Return a limit the way settings usually state it: '20 MB', not '20.0 MB'."""
    return describe_size(limit).replace(".0 ", " ")


def too_large_problem(size: int, limit: int) -> str:
    """One-line problem for an input of `size` bytes over the `limit` of max_input_bytes."""
    size_text, limit_text = describe_size(size), describe_limit(limit)
    if size_text.replace(".0 ", " ") == limit_text:
        # Rounding would make both look equal; exact byte counts show the difference.
        size_text, limit_text = f"{size:,} bytes", f"{limit:,} bytes"
    return f"file is {size_text}, larger than the {limit_text} limit; split it or raise max_input_bytes"
