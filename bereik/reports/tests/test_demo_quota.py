"""The figures' history draws which households are reached at random, but keeps the number
reached to the shares (bereik/reports/demo.py), so the demo's figures do not depend on the draw."""

import random

from bereik.reports.demo import Quota


def test_the_number_reached_stays_within_one_of_the_shares():
    shares = [0.4] * 60 + [0.55] * 20 + [0.95] * 120 + [0.4, 0.95] * 50
    draws = {}
    for seed in range(20):
        quota = Quota(random.Random(seed))
        drawn = []
        for share in shares:
            drawn.append(quota.draw(share))
            assert -1 < quota.expected - quota.reached <= 1
        draws[seed] = drawn
        assert abs(sum(drawn) - sum(shares)) < 1
    # Still a draw: which households are reached differs from one seed to another.
    assert len({tuple(drawn) for drawn in draws.values()}) > 15


def test_a_share_of_one_reaches_everyone_and_none_no_one():
    quota = Quota(random.Random(1))
    assert all(quota.draw(1.0) for _n in range(10))
    assert not any(quota.draw(0.0) for _n in range(10))
