"""Undo a response's Content-Encoding ourselves, layer by layer, a small step at a time.

httpx decodes each network chunk in one call per layer, so 2 KB of gzip inside
gzip becomes gigabytes in memory before any size check sees a byte. Here every
layer is a zlib stream read with `max_length`: no layer hands on more than
STEP_BYTES at once, so the caller counting decoded bytes stops at its cap with
memory to spare. Only gzip and deflate are asked for (ACCEPT_ENCODING); brotli
and zstd have no such bounded reader here and are refused.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator, Sequence

ACCEPT_ENCODING = "gzip, deflate"
# Output per decompression step: small enough that a bomb cannot grow memory, large enough to be quick.
STEP_BYTES = 64 * 1024
# Real servers apply one coding; each layer costs a zlib window (~40 KB), so a header listing
# thousands must not make thousands of them.
MAX_LAYERS = 3
GZIP_MAGIC = b"\x1f\x8b"
UNSUPPORTED = frozenset({"br", "zstd", "compress", "x-compress"})


class ContentCodingError(Exception):
    """The body's content encoding cannot be undone; the message is the one-line problem."""


def content_codings(header_values: Sequence[str]) -> tuple[str, ...]:
    """The codings to undo, in the order the server applied them ("gzip" or "deflate").

    "identity" and unknown words change nothing (some servers put a charset
    there by mistake); a compression this module cannot read is refused.
    """
    codings: list[str] = []
    for value in header_values:
        for word in value.split(","):
            coding = word.strip().lower()
            if coding in ("gzip", "x-gzip"):
                codings.append("gzip")
            elif coding == "deflate":
                codings.append("deflate")
            elif coding in UNSUPPORTED:
                raise ContentCodingError(f"content encoding {coding} is not supported (only gzip and deflate)")
    if len(codings) > MAX_LAYERS:
        raise ContentCodingError(f"{len(codings)} layers of content encoding (at most {MAX_LAYERS} are read)")
    return tuple(codings)


def decoded(chunks: Iterable[bytes], codings: Sequence[str]) -> Iterator[bytes]:
    """The decoded body, in pieces of at most STEP_BYTES; raises ContentCodingError on corrupt data."""
    stream: Iterator[bytes] = iter(chunks)
    for coding in reversed(codings):  # the coding applied last is undone first
        stream = _inflate(stream, coding)
    return stream


def _inflate(chunks: Iterator[bytes], coding: str) -> Iterator[bytes]:
    decoder: zlib._Decompress | None = None
    head = b""  # bytes held back until there are enough to choose a decoder
    for chunk in chunks:
        data = head + chunk
        head = b""
        while data:
            if decoder is None:
                if coding == "gzip" and not data.startswith(GZIP_MAGIC[: len(data)]):
                    return  # not another gzip member: trailing padding, ignored as gzip readers do
                if len(data) < 2:
                    head = data
                    break
                decoder = zlib.decompressobj(_window_bits(coding, data))
            yield from _step(decoder, data, coding)
            # A gzip body may hold several members one after another; each needs a fresh decoder.
            data = decoder.unused_data if decoder.eof else b""
            if decoder.eof:
                if coding != "gzip":
                    return
                decoder = None


def _step(decoder: zlib._Decompress, data: bytes, coding: str) -> Iterator[bytes]:
    """Feed `data`, yielding at most STEP_BYTES at a time, until it is used up and no output is pending."""
    while True:
        try:
            out = decoder.decompress(data, STEP_BYTES)
        except zlib.error as error:
            raise ContentCodingError(f"cannot undo its {coding} content encoding ({error})") from None
        if out:
            yield out
        data = decoder.unconsumed_tail
        # A full step may leave output inside zlib even when all input is taken; ask again.
        if decoder.eof or (not data and len(out) < STEP_BYTES):
            return


def _window_bits(coding: str, head: bytes) -> int:
    if coding == "gzip":
        return 16 + zlib.MAX_WBITS
    # HTTP's "deflate" is a zlib stream, but some servers send bare deflate data: tell them apart by the header.
    is_zlib = head[0] & 0x0F == 8 and (head[0] << 8 | head[1]) % 31 == 0
    return zlib.MAX_WBITS if is_zlib else -zlib.MAX_WBITS
