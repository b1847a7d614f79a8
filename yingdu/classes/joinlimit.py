"""The limit on wrong join codes, one place for the join page and the API.

A code names one of 27^8 classes, so guessing is hopeless while wrong codes are limited:
after CLASS_JOIN_MAX_FAILURES wrong codes from one account, or CLASS_JOIN_IP_MAX_FAILURES
from one address (a school's pupils share one, so it is larger), every join from that
account or address is refused until CLASS_JOIN_LOCK_SECONDS have passed since its first
wrong code, before the code is even looked at (a locked guesser learns nothing). Joins that
succeed, or find the student already in the class, are not counted and reset nothing, so
a known code cannot be used to wash a guesser's count. Counters are yingdu.accounts.ratelimit's
(the database or Redis), seen by every worker process.
"""

import math

from django.conf import settings

from yingdu.accounts import ratelimit


class TooManyFailures(Exception):
    """Joining is refused for `retry_after` seconds; str() is the API's message."""

    def __init__(self, retry_after: int):
        self.retry_after = max(1, retry_after)
        self.minutes = math.ceil(self.retry_after / 60)
        super().__init__(
            f"班级码输错次数过多，请 {self.minutes} 分钟后再试 (too many wrong class codes: "
            f"try again in {self.minutes} min)"
        )


def _counters(user, ip: str) -> list[tuple[str, int]]:
    return [
        (f"classjoin:user:{user.pk}", settings.CLASS_JOIN_MAX_FAILURES),
        (f"classjoin:ip:{ip}", settings.CLASS_JOIN_IP_MAX_FAILURES),
    ]


def check(user, ip: str) -> None:
    """TooManyFailures when the account or the address has used up its wrong codes."""
    waits = [
        count.retry_after
        for key, allowance in _counters(user, ip)
        if (count := ratelimit.peek(key)).count >= allowance
    ]
    if waits:
        raise TooManyFailures(max(waits))


def record_failure(user, ip: str) -> None:
    for key, _allowance in _counters(user, ip):
        ratelimit.hit(key, settings.CLASS_JOIN_LOCK_SECONDS)
