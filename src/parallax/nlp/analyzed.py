"""The per-document context every extractor reads: original + normalised text + spaCy Doc."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property

from spacy.tokens import Doc, Span

from parallax.model import Document, Mention, Sentence
from parallax.nlp.normalize import NormalizedText


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once: spaCy rebuilds it from every token on each access."""
    text = doc.user_data.get("parallax_text")
    if text is None:
        text = doc.user_data["parallax_text"] = doc.text
    return text


def published_date(published: str | None) -> date | None:
    """The calendar date of an ISO 8601 `Document.published` (date-time or date), if parseable."""
    if not published:
        return None
    try:
        return datetime.fromisoformat(published).date()
    except ValueError:
        try:
            return date.fromisoformat(published[:10])
        except ValueError:
            return None


@dataclass
class AnalyzedDoc:
    document: Document
    norm: NormalizedText
    doc: Doc  # parsed over norm.text; its char offsets are *normalised* offsets
    extras: dict = field(default_factory=dict)  # scratch space shared between extractors

    @property
    def id(self) -> str:
        return self.document.id

    @cached_property
    def pub_date(self) -> date | None:
        """Publication date (anchor for relative dates), if known."""
        return published_date(self.document.published)

    # -- offsets ---------------------------------------------------------------------
    def orig_span(self, start: int, end: int) -> tuple[int, int]:
        """Normalised [start, end) -> original [start, end)."""
        return self.norm.orig_span(start, end)

    def orig_text(self, start: int, end: int) -> str:
        s, e = self.orig_span(start, end)
        return self.document.text[s:e]

    def mention(self, start: int, end: int) -> Mention:
        """A Mention (original offsets and text) of the normalised span [start, end).

        Surrounding whitespace is never part of a mention (NER spans can swallow a line break).
        """
        t = self.norm.text
        while start < end and t[start].isspace():
            start += 1
        while end > start and t[end - 1].isspace():
            end -= 1
        s, e = self.orig_span(start, end)
        return Mention(doc=self.id, start=s, end=e, text=self.document.text[s:e])

    def span_mention(self, span: Span) -> Mention:
        return self.mention(span.start_char, span.end_char)

    # -- sentences -------------------------------------------------------------------
    @cached_property
    def sentence_starts(self) -> list[int]:
        return [s.start_char for s in self.sent_spans]

    @cached_property
    def sentences(self) -> list[Sentence]:
        """Sentences in original offsets."""
        out = []
        for s in self.sent_spans:
            a, b = self.orig_span(s.start_char, s.end_char)
            out.append(Sentence(doc=self.id, start=a, end=b))
        return out

    def sentence_at(self, norm_offset: int) -> Span:
        """The spaCy sentence containing a normalised offset."""
        i = max(bisect_right(self.sentence_starts, norm_offset) - 1, 0)
        return self.sent_spans[i]

    @cached_property
    def sent_spans(self) -> list[Span]:
        return list(self.doc.sents)

    def orig_sentence_at(self, norm_offset: int) -> Sentence:
        i = max(bisect_right(self.sentence_starts, norm_offset) - 1, 0)
        return self.sentences[i]
