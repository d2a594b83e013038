"""Long lists fold: the first items show, the rest sit under "N more ..." that opens without script."""

from __future__ import annotations

import re

from newsweave.web.pages import templates

LIST = '{% from "_fold.html" import folded %}{% call(item) folded(items, 3, "details", "findings") %}<li>{{ item }}</li>{% endcall %}'


def test_a_long_list_shows_its_first_items_and_folds_the_rest():
    html = templates.from_string(LIST).render(items=[f"item {n}" for n in range(7)])
    shown, _, folded = html.partition("<details")
    assert re.findall(r"<li>(item \d)</li>", shown) == ["item 0", "item 1", "item 2"]
    assert "<summary>4 more details</summary>" in folded
    assert re.findall(r"<li>(item \d)</li>", folded) == ["item 3", "item 4", "item 5", "item 6"]
    assert html.count('<ul class="findings">') == 2


def test_a_short_list_does_not_fold_and_items_are_escaped():
    html = templates.from_string(LIST).render(items=["<b>one</b>", "two", "three"])
    assert "<details" not in html and html.count("<li>") == 3
    assert "&lt;b&gt;one&lt;/b&gt;" in html
