"""Fixtures of the report tests."""
from __future__ import annotations

import pytest

from report_helpers import facts_story


@pytest.fixture
def story():
    """A small hand-built comparison whose changed facts are known exactly."""
    return facts_story()
