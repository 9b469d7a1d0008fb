"""Rules AWS enforces at create time or applies at request time, written down so that the
Terraform can be checked against them here: moto accepts what AWS refuses.

Sources (read when this was written):
- HTTP API routes: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html
  (a route is `$default` or `METHOD /path`; `ANY` matches every method; a greedy path
  variable `{name+}` must be at the end of the path; request routing prefers a full
  match, then a greedy match, then `$default`). The create-time refusal of a path ending
  in "/" is what AWS CDK checks too (aws-apigatewayv2 `HttpRouteKey.with`: "A route path
  must always start with a "/" and not end with a "/"") and what deployments report
  ("invalid route name ending in /"); a greedy variable does not match its parent path
  itself (`ANY /admin/{proxy+}` does not serve `/admin/`).
- CloudFront path patterns: case-sensitive, `*` is zero or more characters, `?` exactly one.
- CloudWatch: a metric that counts events (the unit is Count: 5xx responses, errors,
  ECPUs consumed) is meaningful per period only as its Sum; a level (connections, bytes,
  CPU %) as an Average or extreme; a duration as an Average, extreme or percentile.
- RDS identifiers (DB cluster snapshots): 1 to 255 letters, digits or hyphens, starting
  with a letter, no two consecutive hyphens, not ending in a hyphen.

Where AWS's own rule is looser than what is checked here (the characters of a literal path
segment), the check is the stricter one: it may refuse a key AWS would take, never the
other way round.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

HTTP_API_METHODS = frozenset(
    {"ANY", "DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"}
)
_LITERAL_SEGMENT = re.compile(r"^[A-Za-z0-9._-]+$")
_VARIABLE_SEGMENT = re.compile(r"^\{([A-Za-z0-9._-]+)(\+?)\}$")


def http_api_route_key_problems(route_key: str) -> list[str]:
    """Why API Gateway would refuse this HTTP API route key; empty when it accepts it."""
    if route_key == "$default":
        return []
    if route_key.startswith("$"):
        return [f"{route_key!r}: the only $ route of an HTTP API is $default"]
    method, separator, path = route_key.partition(" ")
    if not separator:
        return [f"{route_key!r}: a route key is $default or 'METHOD /path'"]
    problems = []
    if method not in HTTP_API_METHODS:
        problems.append(
            f"{route_key!r}: method {method!r} is not ANY or an HTTP method "
            f"({', '.join(sorted(HTTP_API_METHODS))})"
        )
    if not path.startswith("/"):
        return [*problems, f"{route_key!r}: the path must start with '/'"]
    if path == "/":
        return problems
    if path.endswith("/"):
        problems.append(f"{route_key!r}: the path must not end with '/' (only '/' may)")
    segments = path[1:].rstrip("/").split("/")
    names: list[str] = []
    for index, segment in enumerate(segments):
        if segment == "":
            problems.append(f"{route_key!r}: empty path segment ('//')")
            continue
        variable = _VARIABLE_SEGMENT.match(segment)
        if variable is None:
            if not _LITERAL_SEGMENT.match(segment):
                problems.append(
                    f"{route_key!r}: segment {segment!r} is neither a literal "
                    "(letters, digits, '.', '_', '-') nor a whole {variable}"
                )
            continue
        names.append(variable.group(1))
        if variable.group(2) and index != len(segments) - 1:
            problems.append(
                f"{route_key!r}: the greedy variable {segment} must be the last segment"
            )
    duplicates = sorted({name for name in names if names.count(name) > 1})
    if duplicates:
        problems.append(f"{route_key!r}: path variable(s) used twice: {duplicates}")
    return problems


def _path_matches(route_path: str, request_path: str) -> tuple[bool, bool]:
    """(matches, through a greedy variable) for one route path and one request path."""
    if route_path == "/":
        return request_path == "/", False
    route = route_path[1:].split("/")
    request = request_path[1:].split("/")
    for index, segment in enumerate(route):
        variable = _VARIABLE_SEGMENT.match(segment)
        if variable is not None and variable.group(2):
            # {name+} takes the rest, which must not be empty: /admin/{proxy+}
            # does not match /admin/.
            rest = "/".join(request[index:])
            return rest != "", True
        if index >= len(request):
            return False, False
        if variable is not None:
            if request[index] == "":
                return False, False
        elif segment != request[index]:
            return False, False
    return len(request) == len(route), False


def http_api_route_for(route_keys: Iterable[str], method: str, path: str) -> str | None:
    """The route API Gateway picks for a request, or None (it answers 404 itself).

    A full match wins over a greedy one and a method over ANY; $default catches the rest.
    A trailing slash is part of the path: /health/ is not a full match for /health.
    """
    best: tuple[int, str] | None = None
    for key in route_keys:
        if key == "$default":
            continue
        route_method, _, route_path = key.partition(" ")
        if route_method not in {"ANY", method}:
            continue
        matches, greedy = _path_matches(route_path, path)
        if not matches:
            continue
        rank = (2 if greedy else 0) + (1 if route_method == "ANY" else 0)
        if best is None or rank < best[0]:
            best = (rank, key)
    if best is not None:
        return best[1]
    return "$default" if "$default" in route_keys else None


def cloudfront_path_pattern_matches(pattern: str, path: str) -> bool:
    """Whether a cache behaviour's path pattern matches a request path."""
    regex = "".join(
        ".*" if char == "*" else "." if char == "?" else re.escape(char)
        for char in pattern
    )
    return re.fullmatch(regex, path, flags=re.DOTALL) is not None


_COUNT = frozenset({"Sum"})
_LEVEL = frozenset({"Average", "Maximum", "Minimum"})
_PERCENTILE = re.compile(r"^p(\d{1,2}(\.\d+)?|100)$")

# What each metric measures, from the services' metric documentation. A metric missing
# here must be added (and classified) before an alarm may use it.
CLOUDWATCH_METRIC_KINDS: dict[tuple[str, str], str] = {
    ("AWS/ApiGateway", "4xx"): "count",
    ("AWS/ApiGateway", "5xx"): "count",
    ("AWS/ApiGateway", "Count"): "count",
    ("AWS/ApiGateway", "Latency"): "duration",
    ("AWS/ApiGateway", "IntegrationLatency"): "duration",
    ("AWS/Lambda", "Errors"): "count",
    ("AWS/Lambda", "Throttles"): "count",
    ("AWS/Lambda", "Invocations"): "count",
    ("AWS/Lambda", "Duration"): "duration",
    ("AWS/Lambda", "ConcurrentExecutions"): "level",
    ("AWS/RDS", "DatabaseConnections"): "level",
    ("AWS/RDS", "CPUUtilization"): "level",
    ("AWS/RDS", "ServerlessDatabaseCapacity"): "level",
    ("AWS/RDS", "ACUUtilization"): "level",
    ("AWS/RDS", "FreeableMemory"): "level",
    ("AWS/ElastiCache", "ElastiCacheProcessingUnits"): "count",
    ("AWS/ElastiCache", "BytesUsedForCache"): "level",
}


def cloudwatch_statistic_problem(
    namespace: str, metric: str, statistic: str
) -> str | None:
    """Why a statistic does not describe a metric; None when it does."""
    kind = CLOUDWATCH_METRIC_KINDS.get((namespace, metric))
    if kind is None:
        return f"{namespace} {metric}: unknown metric, classify it in CLOUDWATCH_METRIC_KINDS"
    if kind == "count":
        valid = statistic in _COUNT
    elif kind == "level":
        valid = statistic in _LEVEL
    else:
        valid = statistic in _LEVEL or _PERCENTILE.match(statistic) is not None
    if valid:
        return None
    expected = {
        "count": "Sum (it counts events per period)",
        "level": "Average, Maximum or Minimum (it is a level, not a count)",
        "duration": "Average, Maximum, Minimum or a percentile such as p99",
    }[kind]
    return f"{namespace} {metric} with {statistic}: use {expected}"


_RDS_IDENTIFIER = re.compile(r"^[A-Za-z](?!.*--)[A-Za-z0-9-]{0,254}(?<!-)$")


def rds_identifier_problem(identifier: str) -> str | None:
    """Why RDS would refuse a DB cluster (snapshot) identifier; None when it accepts it."""
    if _RDS_IDENTIFIER.match(identifier):
        return None
    return (
        f"{identifier!r}: use 1-255 letters, digits and hyphens, starting with a letter, "
        "without '--' or a final hyphen"
    )
