"""Word ids: one per-process vocabulary of lower-cased word forms, and per-id property tables.

Each distinct form a process meets (the token stream's ``forms``) gets an integer id, the
first time it is met; :attr:`copydesk.Tokens.ids` holds each word's id, looked up once per
article for every scorer. A scorer that needs a property of each word (its syllables, a
digest, whether it is a stop word) registers a :class:`WordTable` once, at import
(:meth:`Vocabulary.table`): the property is computed once per distinct form, when the table
is first read after the form was numbered, and an article's values are one numpy gather
(``table.take(tokens.ids)``) instead of a set or dictionary look-up per word.

Ids are never written to any output and results must never depend on them: which id a form
gets depends on the order the process met its forms. The vocabulary holds at most
:data:`LIMIT` forms: numbering a text whose new forms would pass it first forgets every form
and every table's values (one text's own forms may pass it), so memory stays bounded
however many articles a process scores. Ids read before such a clear are stale:
:attr:`copydesk.Tokens.ids` numbers its words again when the vocabulary was cleared since,
so read it (not a copy kept from an earlier article) before each gather.
"""

from __future__ import annotations

import struct
from collections.abc import Callable, Sequence
from operator import itemgetter
from typing import Any

#: Forms the vocabulary holds at most before it is cleared (one text's forms may pass it).
LIMIT = 1 << 17
#: Room for this many ids in a table when it is made or the vocabulary cleared (it doubles as it fills).
INITIAL_CAPACITY = 1 << 12


class Vocabulary:
    """Lower-cased word forms numbered in the order first met; cleared at :attr:`limit` forms.

    :ivar limit: forms held at most before a text with new forms clears it.
    :ivar generation: how many times it was cleared: ids are comparable only within one generation.
    :ivar numbers: form -> id (read only).
    :ivar forms: each id's form, in id order (read only).
    """

    def __init__(self, limit: int = LIMIT) -> None:
        """An empty vocabulary, cleared when it holds ``limit`` forms and meets a new one."""
        self.limit = limit
        self.generation = 0
        self.numbers: dict[str, int] = {}
        self.forms: list[str] = []

    def __len__(self) -> int:
        """How many forms are numbered."""
        return len(self.forms)

    def clear(self) -> None:
        """Forget every form (every table's values with them): a new generation of ids."""
        self.numbers = {}
        self.forms = []
        self.generation += 1

    def ids(self, forms: Sequence[str]) -> Any:
        """Each of ``forms``'s id, as a read-only numpy array of ``intp``; forms not met before are numbered first.

        New forms are numbered in sorted order (the same ids for the same texts in the
        same order). When they would take the vocabulary past :attr:`limit`, it is cleared
        first and numbers just these ``forms``.
        """
        import numpy as np

        numbers = self.numbers
        try:
            found = _lookup(numbers, forms)
        except KeyError:
            missing = set(forms).difference(numbers)
            if numbers and len(numbers) + len(missing) > self.limit:
                self.clear()
                missing = set(forms)
            self._add(sorted(missing))
            found = _lookup(self.numbers, forms)
        # packed as native ssize_t (numpy's intp) by one struct call: a few nanoseconds an id,
        # where np.fromiter converts each through numpy's generic item setter (about four times as long)
        ids = np.frombuffer(struct.Struct(f"{len(found)}n").pack(*found), dtype=np.intp)
        return ids

    def _add(self, forms: list[str]) -> None:
        """Number the new ``forms``."""
        start = len(self.forms)
        self.numbers.update(zip(forms, range(start, start + len(forms)), strict=True))
        self.forms += forms

    def table(self, fill: Callable[[list[str]], Any], dtype: Any, width: int = 0) -> WordTable:
        """A property of each form, indexed by id: ``fill(forms)`` gives the values of new forms, in order.

        :param fill: called with the forms numbered since the table was last read (a list,
            in id order); returns one value each (a row of ``width`` values when ``width``
            is set), anything ``numpy.asarray`` turns into that. It must not number forms.
        :param dtype: the values' numpy dtype.
        :param width: 0 for one value a form, else the length of each form's row.
        """
        return WordTable(self, fill, dtype, width)


class WordTable:
    """One property of every form of a :class:`Vocabulary`, in a numpy array indexed by id.

    Made with :meth:`Vocabulary.table`. The values of the forms numbered since it was last
    read are computed when it is read (:attr:`values`, :meth:`take`), so a table costs
    nothing until a scorer reads it, and then one ``fill`` call per batch of new forms.
    """

    __slots__ = ("_fill", "_generation", "_shape", "_size", "_values", "dtype", "vocabulary")

    def __init__(self, vocabulary: Vocabulary, fill: Callable[[list[str]], Any], dtype: Any, width: int) -> None:
        """An empty table of ``vocabulary`` (see :meth:`Vocabulary.table`)."""
        self.vocabulary = vocabulary
        self.dtype = dtype
        self._fill = fill
        self._shape: tuple[int, ...] = (width,) if width else ()
        self._generation = -1
        self._size = 0
        self._values: Any = None

    @property
    def values(self) -> Any:
        """The values of every form numbered so far, by id (the array may hold room past them: never read it)."""
        vocabulary = self.vocabulary
        if self._generation != vocabulary.generation:
            import numpy as np

            self._generation = vocabulary.generation
            self._size = 0
            self._values = np.zeros((INITIAL_CAPACITY, *self._shape), dtype=self.dtype)
        size = len(vocabulary)
        if self._size < size:
            self._extend(vocabulary.forms[self._size : size])
        return self._values

    def take(self, ids: Any) -> Any:
        """The values of ``ids`` (a :attr:`copydesk.Tokens.ids`), one gather."""
        return self.values.take(ids, axis=0)

    def _extend(self, forms: list[str]) -> None:
        """Fill in the values of ``forms``, the forms numbered after the first ``self._size``."""
        import numpy as np

        start, end = self._size, self._size + len(forms)
        values = self._values
        if end > len(values):
            bigger = np.zeros((max(end, 2 * len(values)), *self._shape), dtype=self.dtype)
            bigger[:start] = values[:start]
            self._values = values = bigger
        if forms:
            values[start:end] = np.asarray(self._fill(forms), dtype=self.dtype).reshape((len(forms), *self._shape))
        self._size = end


def _lookup(numbers: dict[str, int], forms: Sequence[str]) -> tuple[int, ...]:
    """Each form's id (KeyError for a form not numbered)."""
    if len(forms) > 1:
        found: tuple[int, ...] = itemgetter(*forms)(numbers)
        return found
    return tuple(numbers[form] for form in forms)


#: The vocabulary of the process: :attr:`copydesk.Tokens.ids` are its ids.
VOCABULARY = Vocabulary()
