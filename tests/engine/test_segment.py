"""Segmentation: exact spans, paragraphs, abbreviations, line mode, hard wrapping and furniture."""
from pathlib import Path

from viewer.engine.model import Sentence
from viewer.engine.segment import segment

DATA = Path(__file__).resolve().parent.parent / "data"


def texts(text, mode="sentences"):
    return [text[s.start:s.end] for s in segment(text, mode)]


def test_empty_text_has_no_sentences():
    assert segment("") == ()
    assert segment(" \n\n ") == ()


def test_exact_spans_and_paragraphs():
    text = "Headline here\n\nMr. Xi met the U.S. envoy at 10 a.m. Monday. He left.\n\nA new paragraph."
    assert segment(text) == (
        Sentence(0, 13, 0),
        Sentence(15, 59, 1),
        Sentence(60, 68, 1),
        Sentence(70, 86, 2),
    )


def test_quotes_with_two_sentences_are_split():
    assert texts("“It went well. We agreed,” he said.") == ["“It went well.", "We agreed,” he said."]


def test_lines_are_sentences_of_their_own():
    text = "HEADLINE\nBy A. Writer\nLONDON — The first sentence. The second."
    assert texts(text) == ["HEADLINE", "By A. Writer", "LONDON — The first sentence.", "The second."]


def test_line_mode_keeps_each_line_whole():
    assert texts("One. Two.\n\nThree.\n", mode="lines") == ["One. Two.", "Three."]


def test_without_blank_lines_each_line_is_a_paragraph():
    assert [s.paragraph for s in segment("One.\nTwo. Three.\nFour.")] == [0, 1, 1, 2]


def test_leading_bullets_and_pipes_are_not_part_of_a_sentence():
    assert texts("  • By Jane Roe\n| Paris\n# Heading") == ["By Jane Roe", "Paris", "Heading"]


def test_hard_wrapped_lines_are_joined():
    text = (
        "Bridge to reopen\n\n"
        "The council met on Tuesday to discuss the future of the old\n"
        "footbridge, which has been closed since January after storm\n"
        "damage. Repairs will take four months.\n"
    )
    assert texts(text) == [
        "Bridge to reopen",
        "The council met on Tuesday to discuss the future of the old\nfootbridge, which has been closed since "
        "January after storm\ndamage.",
        "Repairs will take four months.",
    ]


def test_headline_lists_are_not_taken_for_wrapped_text():
    text = "Town fair opens\nRain expected at weekend\nSchool wins cup\n"
    assert texts(text) == ["Town fair opens", "Rain expected at weekend", "School wins cup"]


def test_page_furniture_is_flagged():
    text = (DATA / "furniture.txt").read_text(encoding="utf-8")
    flagged = [(text[s.start:s.end], s.furniture) for s in segment(text)]
    furniture = [t for t, f in flagged if f]
    content = [t for t, f in flagged if not f]
    assert furniture[:3] == ["date 2024-05-02", "Skip to main menu Skip to search Skip to footer", "Jane Doe/Reuters"]
    assert furniture[3].startswith("Follow us on our official WhatsApp channel")
    assert furniture[4] == "Next In World News"
    assert furniture[-1] == "Others Also Read"
    assert len(furniture) == 9
    assert len(content) == 4 and all(t.endswith(".") for t in content)


def test_date_stamp_glued_to_content_is_split_off():
    sentences = segment(" date 2023-03-21 The trip began on Monday.")
    assert [(s.start, s.end, s.furniture) for s in sentences] == [(1, 16, True), (17, 42, False)]


def test_long_texts_use_the_fast_splitter_with_the_same_spans():
    text = "The first sentence is here. The second one follows.\n\nAnother paragraph starts."
    assert segment(text, fast_above=10) == segment(text)


def test_news_that_starts_like_furniture_is_news():
    # Sentences opening with Home..., Related, Recommended, Cookies or Copyright are content;
    # only headers and navigation lines are furniture.
    text = ("Homeowners near the quay said the fire started at 5 a.m. on Monday.\n"
            "Homeland Security officials denied that any agents were sent.\n"
            "Related charges were filed against two men on Tuesday.\n"
            "Recommended evacuation orders covered 230 homes.\n"
            "Next to the quay stood the old customs house.\n"
            "Cookies were handed out to the evacuated children.\n"
            "Copyright lawyers said the photos could not be used.\n"
            "Police closed the road.\n")
    assert [s.furniture for s in segment(text)] == [False] * 8


def test_navigation_and_link_lists_stay_furniture():
    text = ("HomeNewsSport\nRead more: Xi arrives in Moscow for talks\nThe fire spread fast.\n"
            "Related stories\nFire crews return to harbour\nPolice close Quay Street\n\n"
            "Copyright 2023 The Associated Press. All rights reserved.\n")
    flags = [(text[s.start:s.end], s.furniture) for s in segment(text)]
    assert [f for _, f in flags] == [True, True, False, True, True, True, True, True]


def test_a_link_with_its_header_on_one_line_does_not_swallow_the_news_after_it():
    text = "Read more: Xi arrives in Moscow\nThe two leaders met on Monday.\n"
    assert [s.furniture for s in segment(text)] == [True, False]
