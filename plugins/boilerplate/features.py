"""The boilerplate scorer's features: content-farm structure (headings, labels, bullets, calls to action).

These are the issue-13 prototype's line-shape and phrase counts over the body,
independent of the TPL rules' furniture lexicon. They separate little in the labelled
corpora (news scrapes carry headings too) but are what template copy looks like, so
the aggregate can weigh their rarity in professional reporting.
"""

from __future__ import annotations

import re

from copydesk import Document, Feature, measures

#: A line that ends a sentence: terminal punctuation (then closing quotes/brackets), or a closing quote.
SENTENCE_END = re.compile(r"(?:[.!?…][\"'”’)\]]*|[\"”])$")
COLON_LABEL = re.compile(r"[^.:!?\n]{3,60}:\s\S")
BULLET = re.compile(r"(?:[-*•·]|\d{1,4}[.)])\s")
#: Tried only where one of its first words starts (the same matches as the pattern ignoring case).
CALL_TO_ACTION = measures.Anchored(
    re.compile(
        r"\b(?:click\shere|read\smore|share\sthis|subscribe|sign\sup|follow\sus|like\sus|newsletter|"
        r"comments?\ssection|leave\sa\scomment|share\son|advertisement|sponsored|related\s(?:posts|articles|stories)|"
        r"you\smay\salso\slike|pro\stip|key\stakeaways?|in\sconclusion|final\sthoughts|faqs?|frequently\sasked)\b",
        re.IGNORECASE,
    ),
    "click read share subscribe sign follow like newsletter comment comments leave advertisement sponsored "
    "related you pro key in final faq faqs frequently".split(),
)
GENERIC_BYLINE = re.compile(
    r"^[ \t]*+by\s(?:the\s)?(?:chief\s)?(?:editor|admin|staff|team|newsdesk|news\sdesk|editorial)",
    re.IGNORECASE | re.MULTILINE,
)
#: Characters at the top of the body searched for a generic byline.
BYLINE_WINDOW = 400
#: Words a heading-like line has, at least and at most.
HEADING_WORDS = (2, 14)
#: Share of a heading-like line's words that start with a capital.
HEADING_CAPITALS = 0.6

FEATURES = (
    Feature(
        "heading_lines_per_1000_words",
        "problem",
        "Lines after the first of 2-14 words, at least 60 % of them capitalised, not ending a sentence "
        "(headings), per 1,000 words (at least 300 words assumed).",
        "per_1000_words",
    ),
    Feature(
        "colon_label_lines_per_1000_words",
        "problem",
        "Lines opening with a capitalised label of 3-60 characters and a colon ('Key point: ...'), per 1,000 "
        "words (at least 300 words assumed).",
        "per_1000_words",
    ),
    Feature(
        "bullet_line_share",
        "problem",
        "Share of lines that are bullets or numbered items (smoothed, prior 0).",
        "share",
    ),
    Feature(
        "calls_to_action_per_1000_words",
        "problem",
        "Calls to action and content-farm furniture (read more, subscribe, key takeaways, in conclusion, you "
        "may also like, ...) per 1,000 words (at least 300 words assumed).",
        "per_1000_words",
    ),
    Feature(
        "generic_byline",
        "problem",
        "1.0 when a line in the first 400 characters is a byline naming a role, not a person ('By Admin', "
        "'by the Editorial Team').",
        "presence",
    ),
)


def _heading_like(line: str) -> bool:
    """A short, mostly capitalised line that does not end a sentence."""
    low, high = HEADING_WORDS
    words = line.split(None, high)  # more than ``high`` words: ``high + 1`` parts, without splitting the rest
    if not low <= len(words) <= high or SENTENCE_END.search(line):
        return False
    return sum(1 for w in words if w[:1].isupper()) >= HEADING_CAPITALS * len(words)


def features(document: Document) -> dict[str, float]:
    """Every boilerplate feature of ``document``'s body (see :data:`FEATURES`)."""
    body = document.body
    text, words = body.text, body.word_count
    lines = [text[line.start : line.end] for line in body.lines]
    labels = sum(1 for line in lines if line[:1].isupper() and COLON_LABEL.match(line))
    return {
        "heading_lines_per_1000_words": measures.per_1000(sum(1 for line in lines[1:] if _heading_like(line)), words),
        "colon_label_lines_per_1000_words": measures.per_1000(labels, words),
        "bullet_line_share": measures.share(sum(1 for line in lines if BULLET.match(line)), len(lines), 0.0),
        "calls_to_action_per_1000_words": measures.per_1000(CALL_TO_ACTION.count(body), words),
        "generic_byline": 1.0 if GENERIC_BYLINE.search(text[:BYLINE_WINDOW]) else 0.0,
    }
