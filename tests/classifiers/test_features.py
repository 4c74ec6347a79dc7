import datetime as dt

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from classifiers.charngrams import CharNgramTfidf
from classifiers.features import (
    age_band,
    mask_identifiers,
    prepare_text,
    record_from_draft,
    record_from_text,
    structured_features,
)
from mashdesk.synthetic import generate_contacts, to_draft


def test_negation_marks_the_words_after_a_cue_until_the_clause_ends():
    words, chars = prepare_text("No marks seen. Mum's boyfriend whacked him")
    assert words.split() == ["no", "neg_marks", "neg_seen", "mum", "boyfriend", "whacked"]
    assert "neg_" not in chars
    assert prepare_text("She denies anyone hit her")[0].split() == ["denies", "neg_hit"]


def test_gendered_pronouns_ages_and_reporting_verbs_carry_no_weight():
    assert prepare_text("she told her teacher") == prepare_text("he said to his teacher")
    for text in ("Ava is 9 years old", "Ava, aged 9", "Ava (9 y/o)", "Ava, a 9-year-old"):
        assert prepare_text(text)[0] == "ava"
    assert "older" in prepare_text("seen with older men")[0].split()


def test_digits_and_function_words_are_dropped_from_the_text():
    words, _ = prepare_text("DOB 12/03/2015, the child is at the school")
    assert "the" not in words.split()
    # numbers (dates, phone numbers, references) carry no concern, so no token is left for them
    assert words.split() == ["dob", "child", "school"]


def test_names_emails_and_postcodes_are_masked_but_sentence_openers_and_domain_words_stay():
    text = (
        "Re: Nia Quellbury aged 9\nNia said her stepdad hit her. Mum told Police and Early Help.\n"
        "Seen by Dr Okafor at 4 Elm Road, ZZ1 2AB; email sam.q@mail.example"
    )
    words, chars = prepare_text(text)
    for gone in ("quellbury", "okafor", "elm", "road", "zz", "sam", "example"):
        assert gone not in chars.split()
    for kept in ("nia", "stepdad", "hit", "mum", "police", "early", "help", "seen"):
        assert kept in words.split()
    assert mask_identifiers("Ava told Mum about Kai Fenwick.") == "Ava told Mum about    ."


def test_age_band_uses_the_youngest_child():
    assert age_band([9, 0], False) == "under_1"
    assert age_band([], True) == "unborn"
    assert age_band([None], False) == "unknown"
    assert age_band([16, 17], False) == "16_17"


def test_structured_features_include_rules_output_when_given():
    feats = structured_features(
        channel="phone",
        source_code="6",
        child_ages=[3],
        unborn=False,
        previous_contacts=2,
        rules={"levels_fired": [2, 4], "triggers": ["fgm"], "negated_triggers": ["fii"]},
    )
    assert feats["channel=phone"] == 1.0 and feats["source=6"] == 1.0
    assert feats["age_band=1_4"] == 1.0 and feats["previous_contacts=2+"] == 1.0
    assert feats["rules_level=4"] == 1.0 and feats["rules_max_level"] == 4.0
    assert feats["rules_trigger=fgm"] == 1.0 and feats["rules_negated=fii"] == 1.0
    plain = structured_features(channel="email", source_code="2A", child_ages=[], unborn=True, previous_contacts=0)
    assert not any(k.startswith("rules_") for k in plain) and plain["unborn"] == 1.0


def test_record_from_draft_uses_subject_and_body_like_the_rules():
    c = generate_contacts(1, 3)[0]
    rec = record_from_draft(to_draft(c), previous_contacts=1)
    assert rec["text"] == f"{c.subject}\n{c.text}"
    assert rec["structured"][f"source={c.source_code}"] == 1.0
    assert record_from_text("hello")["structured"]["channel=unknown"] == 1.0


def test_char_ngrams_match_scikit_learn_char_wb():
    docs = ["hit him hard", "no neg_marks seen hit", "hello world hello", "typo hitt him"] * 3
    ours = CharNgramTfidf(min_df=2).fit(docs)
    ref = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), lowercase=False, sublinear_tf=True, min_df=2).fit(
        docs
    )
    assert set(ours.vocabulary_) == set(ref.vocabulary_)
    test = ["hit hello unseenword", "him"]
    order = [ours.vocabulary_[n] for n in ref.get_feature_names_out()]
    got = ours.transform(test).toarray()[:, order]
    assert np.allclose(got, ref.transform(test).toarray(), atol=1e-6)
    assert ours.get_feature_names_out().shape == (len(ours.vocabulary_),)


def test_received_date_drives_age():
    from classifiers.features import record_from_parts

    rec = record_from_parts(subject="s", body="b", child_dobs=[dt.date(2020, 6, 1)], received=dt.date(2026, 5, 31))
    assert rec["structured"]["age_band=5_10"] == 1.0
