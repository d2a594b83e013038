"""The slot clauses' embedding, started in a second thread before the conflicts ask for it."""

from __future__ import annotations

import threading
from collections.abc import Sequence

import numpy as np

from newsweave.analyze import _EmbeddedAhead


class LengthEmbed:
    """Each text's vector holds its length; records each call's texts and thread."""

    def __init__(self) -> None:
        self.calls: list[tuple[list[str], str]] = []

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        self.calls.append((list(texts), threading.current_thread().name))
        return np.array([[float(len(text)), 1.0] for text in texts], dtype=np.float32)


def test_texts_sent_ahead_are_embedded_once_in_another_thread_and_served_in_the_order_asked():
    embed = LengthEmbed()
    with _EmbeddedAhead(embed, ["a clause", "another clause", "a clause"]) as ahead:
        served = ahead(["another clause", "a clause"])

    assert [texts for texts, _ in embed.calls] == [["a clause", "another clause"]]
    assert embed.calls[0][1] != threading.current_thread().name
    assert served[:, 0].tolist() == [len("another clause"), len("a clause")]


def test_a_text_not_sent_ahead_is_embedded_on_the_spot():
    embed = LengthEmbed()
    with _EmbeddedAhead(embed, ["a clause"]) as ahead:
        served = ahead(["a clause", "a new one"])

    assert embed.calls[-1][0] == ["a clause", "a new one"]
    assert served[:, 0].tolist() == [len("a clause"), len("a new one")]


def test_nothing_to_send_ahead_starts_no_work():
    embed = LengthEmbed()
    with _EmbeddedAhead(embed, []):
        pass
    assert embed.calls == []
