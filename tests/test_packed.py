"""PackedStrings: the gazetteer's name columns as one buffer."""

from __future__ import annotations

import pickle

import pytest

from nightwire.packed import PackedStrings

NAMES = ["Ar Ruţbah", "Kirkūk", "", "Rutba", "Ḩadīthah", "kirkuk"]


def test_reads_back_every_string_with_its_diacritics() -> None:
    packed = PackedStrings(NAMES)
    assert len(packed) == len(NAMES)
    assert [packed[i] for i in range(len(NAMES))] == NAMES
    assert list(packed) == NAMES
    assert packed[-1] == "kirkuk"
    with pytest.raises(IndexError):
        packed[len(NAMES)]


def test_pickles_to_the_same_strings() -> None:
    packed = pickle.loads(pickle.dumps(PackedStrings(NAMES), protocol=pickle.HIGHEST_PROTOCOL))
    assert list(packed) == NAMES


def test_equal_range_finds_every_copy_of_a_key_in_a_sorted_sequence() -> None:
    keys = sorted(["rutba", "kirkuk", "kirkuk", "hit", "ramadi", "kirkuk", "ruţba", "zab"])
    packed = PackedStrings(keys)
    found = packed.equal_range("kirkuk")
    assert [keys[i] for i in found] == ["kirkuk"] * 3
    assert found == range(keys.index("kirkuk"), keys.index("kirkuk") + 3)
    # Non-ASCII keys sort by code point as their UTF-8 bytes do.
    assert [keys[i] for i in packed.equal_range("ruţba")] == ["ruţba"]
    assert len(packed.equal_range("mosul")) == 0
    assert len(packed.equal_range("zzz")) == 0
    assert len(PackedStrings().equal_range("kirkuk")) == 0


def test_is_much_smaller_than_a_list_of_str() -> None:
    import sys

    names = [f"town{i:06d}" for i in range(50_000)]
    as_list = sys.getsizeof(names) + sum(sys.getsizeof(n) for n in names)
    packed = PackedStrings(names)
    as_packed = sys.getsizeof(packed.__getstate__()[0]) + sys.getsizeof(packed.__getstate__()[1])
    assert as_packed * 4 < as_list
