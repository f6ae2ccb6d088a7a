"""Page residue after an article's last sentence, template-code pages, and cut ellipses.

Scraped pages glue counters, reporter initials, embed ids, agency credits and comment
widgets onto the last line, often with no line break to tell them apart, and some pages
are template code. None of that is a sentence that stopped. An ending ellipsis marks a
cut only with other evidence: a word that cannot end a sentence before it, a dot count
no writer types ("unlik..", "brought….."), or a teaser-length body.
"""

from __future__ import annotations

import re

from copydesk import WORD, Document
from copydesk.plugins.truncation.lexicon import Lexicons, normalise
from copydesk.plugins.truncation.lines import (
    CONTINUING,
    MINOR_WORDS,
    TERMINAL,
    Tail,
    is_credit,
    non_final_category,
    tail,
    word_count,
)

#: A counter, a page number, initials and numbers: "12", "212-11", "SSH 11", "#4".
COUNTER = re.compile(r"[#\W]*(?:[A-Z]{1,4}\s+)?[\d][\d\s,./:-]*\W*")
#: An embed or tracking id: one token of letters and digits in mixed case ("BSXePJMga6x").
EMBED_ID = re.compile(r"\W*(?=\w*\d)(?=\w*[a-z])(?=\w*[A-Z])\w{8,}\W*")
#: A bare address: a URL or domain on its own ("/religionlo.com/", "https://x.org/a/b").
ADDRESS = re.compile(r"\W*(?:https?://\S+|(?:www\.)?[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|co|uk|info|news)\S*)\W*", re.I)
#: A source cue in front of an address ("SOURCE: https://...", "via: example.com").
SOURCE_PREFIX = re.compile(r"\W*(?:sources?|via|credit|h/t|from)\s*:?\s*", re.I)
#: Code syntax of a template or stylesheet that was scraped as text.
CODE = re.compile(r"\{%|%\}|\{\{|\}\}|/\*|\*/|;[ \t]*\}|^[ \t]*[.#]?[\w-]+[ \t]*\{[ \t]*$", re.M)
#: A short capitalised token glued after the last sentence: an agency's or a reporter's
#: initials ("WNA", "JKLM"). Two letters at least: a lone capital is as often a word cut
#: short (a generator stopped at "P"). Bounded: at most five letters.
INITIALS = re.compile(r"[A-Z]{2,5}")
#: Longest sign-off (in words, after its dash) glued after the last sentence ("- Wirenews").
SIGN_OFF_WORDS = 3
#: Longest fragment (in characters) looked at as residue: residue is short, and the
#: patterns are only linear on short text.
RESIDUE_CHARS = 200
#: Longest closing fragment (in words) that may be a credit glued to the last sentence.
CREDIT_WORDS = 8
#: Bodies up to this many words are teasers: an ending ellipsis on one marks the cut.
TEASER_WORDS = 80


#: Site-footer link labels a scraped page runs onto its last line ("... Terms of Use Privacy Policy").
FOOTER_LINKS = (
    "privacy policy",
    "cookie policy",
    "cookies policy",
    "terms of use",
    "terms of service",
    "terms and conditions",
    "contact us",
    "about us",
    "sitemap",
    "site map",
)
#: A comment widget's label glued on at the very end ("... Comment via Facebook"). Bounded: three words.
COMMENT_WIDGET = re.compile(r"Comments? via(?: [A-Z][\w-]*){1,3}\W*$")
#: Characters of a fragment's end read for footer labels.
FOOTER_CHARS = 200
#: A footer run has at most one word in this many not capitalised (a minor word aside): "iOS" in a list of links.
FOOTER_LOWER_SHARE = 10
#: Fewest words of a headline-case fragment: shorter title-case runs are names ("The Prime Minister").
HEADLINE_WORDS = 5
#: Most words of a headline-case fragment looked at.
HEADLINE_MOST_WORDS = 40


def is_footer_label(fragment: str) -> bool:
    """A closing fragment that ends on site-footer links or a comment widget's label, not on a sentence.

    Footer links count only in a run of capitalised words that ends on one and names two
    or more ("Contact Us Terms of Use Privacy Policy"): a sentence that mentions "the Terms
    of Use and the Privacy Policy" is prose. A comment widget's label is "Comment via" and
    a capitalised name at the very end ("Comment via Facebook"), often glued to the word
    before it.
    """
    end = fragment.rstrip()[-FOOTER_CHARS:]
    if COMMENT_WIDGET.search(end):
        return True
    words = normalise(end)
    if not words.endswith(FOOTER_LINKS):
        return False
    if sum(1 for link in FOOTER_LINKS if link in words) < 2:
        return False
    lower = [w for w in WORD.findall(end) if w[:1].islower() and w not in MINOR_WORDS]
    return len(lower) * FOOTER_LOWER_SHARE <= len(words.split())


def is_headline_case(fragment: str) -> bool:
    """A fragment written in headline case: every word capitalised, minor ones too ("Plan To Cut Fares In May").

    Prose never capitalises "To", "In", "And" inside a sentence of five words or more;
    a related or repeated headline left after the story does. A fragment of digits only
    or of a short name ("The Prime Minister") is not one.
    """
    if len(fragment) > HEADLINE_MOST_WORDS * 20:
        return False
    words = WORD.findall(fragment)
    if not HEADLINE_WORDS <= len(words) <= HEADLINE_MOST_WORDS:
        return False
    lettered = [w for w in words if not w[:1].isdigit()]
    if not all(w[:1].isupper() for w in lettered):
        return False
    return any(w.lower() in MINOR_WORDS for w in lettered[1:])


#: Social networks a follow prompt ends on ("Follow Northtown News on Facebook, Twitter and Instagram").
SOCIAL_NETWORKS = (
    "facebook",
    "twitter",
    "instagram",
    "pinterest",
    "tumblr",
    "youtube",
    "tiktok",
    "linkedin",
    "snapchat",
)
#: Most words of a follow prompt.
FOLLOW_WORDS = 16


def is_follow_prompt(fragment: str) -> bool:
    """A closing prompt to follow the site ("Follow Northtown News on Facebook and Twitter"), not a sentence.

    It opens on "Follow", ends on a social network's name and is short: "Follow the
    money" or "Follow the river to the coast" do not end on one.
    """
    if len(fragment) > FOLLOW_WORDS * 20:
        return False
    words = normalise(fragment).split()
    return 2 < len(words) <= FOLLOW_WORDS and words[0] == "follow" and words[-1] in SOCIAL_NETWORKS


def is_residue(fragment: str, lex: Lexicons) -> bool:
    """A closing fragment that is page residue, not a sentence: a counter, an id, an address, a credit."""
    stripped = fragment.strip()
    if not stripped:
        return True
    if len(stripped) > RESIDUE_CHARS:
        return False
    if COUNTER.fullmatch(stripped) or EMBED_ID.fullmatch(stripped):
        return True
    if ADDRESS.fullmatch(SOURCE_PREFIX.sub("", stripped, count=1)) or is_follow_prompt(stripped):
        return True
    end = tail(stripped, 0, len(stripped))
    if end.char in TERMINAL or end.char in CONTINUING or non_final_category(end.word, lex) is not None:
        return False
    return word_count(stripped) <= CREDIT_WORDS and is_credit(stripped, lex)


def is_glued_sign_off(fragment: str, lex: Lexicons) -> bool:
    """A sentence glued after the last one that only signs the copy off, not one that stopped.

    Wire copy run together on one line ends on the agency or the reporter's initials
    ("... the ministry said. WNA", "... in March." - Wirenews"): a lone token of two to five
    capital letters that can end a sentence, or a spaced hyphen or en dash before at most
    three capitalised words. An em dash sign-off is a credit already (:func:`is_credit`).
    A fragment like this is only looked at after a sentence on the same line, so a list
    item ("- Reduced") is never one.
    """
    stripped = fragment.strip()
    if INITIALS.fullmatch(stripped):
        return non_final_category(stripped.lower(), lex) is None
    if stripped[:2] not in ("- ", "\u2013 "):
        return False
    words = stripped[2:].split()
    return 0 < len(words) <= SIGN_OFF_WORDS and all(word[:1].isupper() for word in words)


#: What a page says when the article is not there, on its first line (lower case, spaces folded).
ERROR_PAGE_PHRASES = (
    "error 404",
    "404 error",
    "404 not found",
    "page not found",
    "page you are looking for",
    "page you requested",
    "page cannot be found",
    "page could not be found",
)
#: An error page is short: a body of more words is an article, whatever it opens with.
ERROR_PAGE_WORDS = 60
#: Characters of the body's first line read for an error page's phrase.
ERROR_PAGE_OPENING = 200


def is_error_page(document: Document) -> bool:
    """Whether the body is a "page not found" notice rather than an article (short, and saying so on its first line)."""
    body = document.body
    if body.word_count > ERROR_PAGE_WORDS or not body.lines:
        return False
    first = body.lines[0]
    opening = " ".join(body.text[first.start : min(first.end, first.start + ERROR_PAGE_OPENING)].lower().split())
    return any(phrase in opening for phrase in ERROR_PAGE_PHRASES)


def is_code(document: Document) -> bool:
    """Whether the body is scraped template or stylesheet code rather than an article."""
    text = document.body.text
    # Every alternative of CODE holds a brace or a comment mark: without one there is no match.
    if "{" not in text and "}" not in text and "/*" not in text and "*/" not in text:
        return False
    return len(CODE.findall(text)) >= 2


def _irregular_dots(text: str, stop: int) -> bool:
    """The text ends on two dots, or on more than three (an ellipsis character counts three)."""
    run = 0
    while stop > 0 and text[stop - 1] in ".…":
        run += 3 if text[stop - 1] == "…" else 1
        stop -= 1
    return run == 2 or run > 3


def cut_ellipsis(document: Document, end: Tail, lex: Lexicons) -> bool:
    """Whether an ending ellipsis marks a cut rather than a trailing-off at the end of a complete item."""
    if end.word and non_final_category(end.word, lex) is not None:
        return True
    return _irregular_dots(document.body.text, end.stop) or document.body.word_count <= TEASER_WORDS
