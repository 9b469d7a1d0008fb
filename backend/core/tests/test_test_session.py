"""The test session's own state: nothing it clears is shared with a dev server or another run."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.cache import caches


def test_the_session_keeps_its_files_outside_the_checkout_s_var_folder(settings: Any) -> None:
    # Every test clears the shared cache; with the checkout's var/ that wiped the cached
    # sessions and login-failure counts of a concurrent run (query counts and throttles failed).
    var = Path(settings.VAR_DIR)
    assert var != Path(settings.REPO_DIR) / "var"
    if "shared" in settings.CACHES:
        assert Path(settings.CACHES["shared"]["LOCATION"]).is_relative_to(var)
        caches["shared"].set("probe", 1)
        assert any((var / "shared-cache").iterdir())
