"""The isolation matrix again, with the other person calling through an API token.

The tests are habits/tests/test_api_isolation.py's and test_trust_isolation.py's own, imported so that a route or a check
added there is covered here too; only `other_api` changes: Bob's write token, no session.
"""

from __future__ import annotations

import pytest

from conftest import make_user
from habits.tests.test_api_isolation import (  # noqa: F401 - collected and run here
    test_another_users_habit_answers_404_like_a_missing_one,
    test_group_lists_and_group_filters_never_show_another_users_data,
    test_lists_never_show_another_users_habits,
    test_reorder_cannot_move_another_users_habits,
)
from habits.tests.test_trust_isolation import (  # noqa: F401 - collected and run here
    test_a_habit_cannot_be_put_into_another_users_group,
    test_an_undefined_method_on_another_users_habit_is_never_a_success,
    test_another_user_gets_404_and_changes_nothing,
    test_another_users_group_cannot_order_filter_or_reorder,
    test_another_users_group_is_404_and_nothing_changes,
    test_lists_today_and_export_show_only_ones_own_data,
    test_reorder_with_another_users_ids_is_refused_and_changes_nothing,
    victim,
    victim_group,
)
from integrations.tests.token_client import TokenApi, make_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_api(db: None) -> TokenApi:
    return TokenApi(make_token(make_user("bob@example.com"), scope="write"))
