"""Many strings kept as one UTF-8 buffer and an offsets array.

A list of 686,000 short ``str`` objects costs about 43 MB of Python objects (a ``str``
carries ~50 bytes of header); the same text as one ``bytes`` buffer plus 4-byte offsets
costs about 9 MB. Every worker process holds the gazetteer's name index for the whole
night, so this is the difference between fitting the 10x night in 2 GiB or not.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence


class PackedStrings(Sequence[str]):
    """An immutable sequence of strings over one UTF-8 buffer (picklable)."""

    __slots__ = ("_data", "_ends")

    def __init__(self, strings: Iterable[str] = ()):
        parts = [s.encode("utf-8") for s in strings]
        ends = array("I")
        end = 0
        for part in parts:
            end += len(part)
            ends.append(end)
        self._data = b"".join(parts)
        self._ends = ends

    def __len__(self) -> int:
        return len(self._ends)

    def raw(self, i: int) -> bytes:
        """The ``i``-th string's UTF-8 bytes (no decoding: for comparisons)."""
        return self._data[self._ends[i - 1] if i else 0 : self._ends[i]]

    def __getitem__(self, i: int) -> str:  # type: ignore[override]
        if i < 0:
            i += len(self._ends)
        if not 0 <= i < len(self._ends):
            raise IndexError(i)
        return self.raw(i).decode("utf-8")

    def __iter__(self) -> Iterator[str]:
        data, start = self._data, 0
        for end in self._ends:
            yield data[start:end].decode("utf-8")
            start = end

    def equal_range(self, text: str) -> range:
        """Positions holding ``text``, for a sequence sorted by code point (UTF-8 bytes sort
        in the same order)."""
        key = text.encode("utf-8")
        lo = bisect_left(_RawView(self), key)
        hi = lo
        while hi < len(self._ends) and self.raw(hi) == key:
            hi += 1
        return range(lo, hi)

    def __getstate__(self) -> tuple[bytes, bytes]:
        return self._data, self._ends.tobytes()

    def __setstate__(self, state: tuple[bytes, bytes]) -> None:
        self._data = state[0]
        self._ends = array("I")
        self._ends.frombytes(state[1])


class _RawView(Sequence[bytes]):
    """The raw bytes of a :class:`PackedStrings`, for :func:`bisect.bisect_left`."""

    __slots__ = ("_packed",)

    def __init__(self, packed: PackedStrings):
        self._packed = packed

    def __len__(self) -> int:
        return len(self._packed)

    def __getitem__(self, i: int) -> bytes:  # type: ignore[override]
        return self._packed.raw(i)
