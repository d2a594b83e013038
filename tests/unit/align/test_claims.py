"""Claims: sentences from different sources that tell one fact."""

from __future__ import annotations

from newsweave.align import align_claims

STORY = {
    "S1": "The city council approved a new budget for the harbour on Tuesday evening.\n\n"
          "Local bakers say flour prices have doubled since spring.",
    "S2": "On Tuesday evening the council voted to approve the harbour's new budget.\n\n"
          "A heavy storm is expected to reach the northern coast by the weekend.",
    "S3": "Councillors passed the new harbour budget in a vote on Tuesday night.\n\n"
          "The museum will stay closed for repairs until the end of the year.",
}


def test_paraphrases_from_different_sources_form_one_claim(analyze):
    claims = align_claims(analyze(STORY))
    budget = claims[0]
    assert set(budget.sources) == {"S1", "S2", "S3"}
    assert all("budget" in item.sentence for item in budget.evidence)


def test_unrelated_sentences_stay_alone(analyze):
    claims = align_claims(analyze(STORY))
    singles = [c for c in claims if len(c.sources) == 1]
    assert {c.text.split()[0] for c in singles} == {"Local", "A", "The"}
    assert [c.id for c in claims] == [f"C{i}" for i in range(1, len(claims) + 1)]


def test_a_source_is_one_voice_in_a_claim(analyze):
    story = dict(STORY)
    story["S1"] += "\n\nThe council approved the new harbour budget on Tuesday evening."
    for claim in align_claims(analyze(story)):
        sources = [e.source for e in claim.evidence]
        assert len(sources) == len(set(sources))


def test_copies_can_be_left_out(analyze):
    claims = align_claims(analyze(STORY), skip_sources=frozenset({"S3"}))
    assert all("S3" not in c.sources for c in claims)
    assert align_claims([]) == []


def test_a_sentence_broken_off_mid_way_backs_a_claim_but_never_states_one(analyze):
    told_whole = "Mayor Ilse Varga declared three days of mourning and named the harbour district a disaster area."
    broken_off = (
        "Mayor Ilse Varga, who has declared three days of mourning and named the harbour district a disaster "
        "area, visited the pump station"
    )
    lonely = "The ferry operator, which has suspended its night crossings until further notice, said on its website that"
    claims = align_claims(analyze({"S1": told_whole, "S2": "Rain kept falling.\n\n" + broken_off, "S3": "Rain kept falling.\n\n" + lonely}))
    [mourning] = [c for c in claims if "mourning" in c.text]
    assert set(mourning.sources) == {"S1", "S2"} and mourning.text == told_whole
    assert not any("ferry operator" in item.sentence for c in claims for item in c.evidence)
