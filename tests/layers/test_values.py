"""The fast (pyarrow) value parsers against their oracles (pandas, Python)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from layers.readers.values import blank_strings, floats, strict_times

TRICKY_NUMBERS = [
    "52.48", " -1.89 ", "+5", ".5", "1.", "1e3", "-0.5E-2", "007", "1.5e400", "inf",
    "NaN", "", "NULL", "n/a", "N/A", '"412,345"', "1 000", "12,5", "abc", "1.2.3",
    "0x10", "--1", "1e", "\u00a0 7", "12345678901234567890", "None", "   ",
]  # fmt: skip
TRICKY_TIMES = [
    "01/07/2023 10:00:05", "1/7/2023 10:00:05", "31/02/2023 10:00:00",
    "29/02/2024 23:59:59", "29/02/2023 00:00:00", "01/13/2023 10:00:00",
    "01/07/2023 24:00:00", "01/07/2023 10:60:00", " 01/07/2023 10:00:00",
    "2023-07-01 10:00:00", "2023-07-01T10:00:00", "2023-07-01 10:00", "2023-07-01",
    "01/07/2023", "01/07/2023 10:00", "", "x", "2023-02-30", "0001-01-01",
]  # fmt: skip


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_arrow_numbers_equal_the_python_path(seed: int):
    rng = np.random.default_rng(seed)
    vals = list(rng.choice(TRICKY_NUMBERS, 400)) + [
        f"{v:.6f}" for v in rng.normal(size=100)
    ]
    arrow = pd.Series(vals, dtype="str")
    objs = pd.Series(vals, dtype=object)
    sa, ba = blank_strings(arrow)
    so, bo = blank_strings(objs)
    assert np.array_equal(ba, bo)
    assert list(sa) == list(so)
    assert np.array_equal(floats(sa, ba), floats(so, bo), equal_nan=True)


@pytest.mark.parametrize(
    "fmt",
    [
        "%d/%m/%Y %H:%M:%S",
        "%d/%m/%Y %H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d",
        "%d/%m/%Y",
    ],
)
def test_arrow_times_equal_pandas(fmt: str):
    vals = pd.Series(TRICKY_TIMES * 3, dtype="str")
    ours = strict_times(vals, fmt)
    oracle = pd.to_datetime(
        pd.Series(TRICKY_TIMES * 3, dtype=object), format=fmt, errors="coerce"
    )
    assert np.array_equal(ours, oracle.to_numpy("datetime64[ns]"), equal_nan=True)
