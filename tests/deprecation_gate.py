"""The deprecation gate: the site's own code may not call deprecated APIs.

A DeprecationWarning, PendingDeprecationWarning or FutureWarning whose location is the
site's own code (a fence, a snippet, a quiz's answer key) fails the test that ran it; a
warning raised inside a library, about the library's own business, does not. A fence that
shows a warning on purpose carries `<!--pytest.mark.shows_warning-->`.
"""

from __future__ import annotations

import contextlib
import warnings
from collections.abc import Callable

DEPRECATIONS = (DeprecationWarning, PendingDeprecationWarning, FutureWarning)


@contextlib.contextmanager
def recorded():
    """Record every warning raised inside the block (each once per place, as by default)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield caught


def own_deprecations(caught, is_own: Callable[[str], bool]) -> list[warnings.WarningMessage]:
    return [w for w in caught if issubclass(w.category, DEPRECATIONS) and is_own(w.filename)]
