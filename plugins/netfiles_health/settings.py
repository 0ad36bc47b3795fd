"""The `[health]` table of `.netfiles/config.toml`: defaults, validation, problems as values.

```toml
[health]
pace_per_month = 8        # new contacts a month before the report warns of overload
attributes = ["sector"]   # extra attributes for Blau / E-I, besides the standard ones
half_life_days = 180      # half-life of an interaction's weight when inferring tie strength
min_known = 5             # fewer known values than this: "not enough data"
strong_threshold = 3.5    # tie strength (1..5) from which a tie counts as strong
brokerage_by = "industry" # the attribute whose values are the groups of the brokerage roles

[health.base_rates.industry]  # optional: share of each value in the population you could meet
finance = 0.05                # (for example, finance's share of your city's workforce)
```

Without a base rate the E-I index is reported plainly; with one, its expected value 1 - 2*pi and
Coleman's homophily index say whether your contacts share your value more than that population would.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

from .strength import DEFAULT_HALF_LIFE_DAYS, STRONG_THRESHOLD

#: Attributes measured for diversity unless the config adds more.
STANDARD_ATTRIBUTES = ("industry", "function", "location", "country", "organization", "seniority")

KNOWN_KEYS = ("pace_per_month", "attributes", "half_life_days", "min_known", "strong_threshold", "base_rates",
              "brokerage_by")


@dataclass(frozen=True)
class Settings:
    pace_per_month: float = 8.0
    attributes: tuple[str, ...] = STANDARD_ATTRIBUTES
    half_life_days: float = DEFAULT_HALF_LIFE_DAYS
    min_known: int = 5
    strong_threshold: float = STRONG_THRESHOLD
    extra_attributes: tuple[str, ...] = field(default=())
    #: the attribute whose values are the groups of Gould & Fernandez's brokerage roles
    brokerage_by: str = "industry"
    #: attribute -> {casefolded value: share of the population (0..1)}
    base_rates: dict = field(default_factory=dict, hash=False, compare=False)

    def to_dict(self) -> dict:
        return {"pace_per_month": float(self.pace_per_month), "attributes": list(self.attributes),
                "half_life_days": float(self.half_life_days), "min_known": self.min_known,
                "strong_threshold": float(self.strong_threshold), "brokerage_by": self.brokerage_by,
                "base_rates": {a: dict(v) for a, v in self.base_rates.items()}}


@dataclass(frozen=True)
class Problem:
    """A bad value in `[health]`: which key, what is wrong, and whether it is an error or a warning."""

    key: str
    message: str
    severity: str = "error"


def _number(value) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    value = float(value)
    return value if math.isfinite(value) else None


def load_settings(section: dict) -> tuple[Settings, list[Problem]]:
    """Settings from the `[health]` table; a bad value keeps its default and becomes a Problem."""
    problems: list[Problem] = []
    values: dict = {}

    raw = section.get("pace_per_month")
    if raw is not None:
        number = _number(raw)
        if number is None or number <= 0:
            problems.append(Problem("pace_per_month", f"`pace_per_month` must be a number > 0, got {raw!r}"))
        else:
            values["pace_per_month"] = number

    raw = section.get("half_life_days")
    if raw is not None:
        number = _number(raw)
        if number is None or number <= 0:
            problems.append(Problem("half_life_days", f"`half_life_days` must be a number of days > 0, got {raw!r}"))
        else:
            values["half_life_days"] = number

    raw = section.get("min_known")
    if raw is not None:
        if isinstance(raw, bool) or not isinstance(raw, int) or raw < 1:
            problems.append(Problem("min_known", f"`min_known` must be a whole number >= 1, got {raw!r}"))
        else:
            values["min_known"] = raw

    raw = section.get("strong_threshold")
    if raw is not None:
        number = _number(raw)
        if number is None or not 1 < number <= 5:
            problems.append(Problem("strong_threshold",
                                    f"`strong_threshold` must be a tie strength above 1 and at most 5, got {raw!r}"))
        else:
            values["strong_threshold"] = number

    extra: list[str] = []
    raw = section.get("attributes")
    if raw is not None:
        if isinstance(raw, str):
            raw = [raw]
        if not isinstance(raw, list) or not all(isinstance(a, str) and a.strip() for a in raw):
            problems.append(Problem("attributes", f"`attributes` must be a list of field names, got {raw!r}"))
        else:
            extra = [a.strip() for a in raw]
    attributes = tuple(dict.fromkeys([*STANDARD_ATTRIBUTES, *extra]))

    raw = section.get("brokerage_by")
    if raw is not None:
        if not isinstance(raw, str) or not raw.strip():
            problems.append(Problem("brokerage_by", f"`brokerage_by` must be a field name, got {raw!r}"))
        else:
            values["brokerage_by"] = raw.strip()

    raw = section.get("base_rates")
    if raw is not None:
        rates, problem = _base_rates(raw)
        if problem:
            problems.append(Problem("base_rates", problem))
        else:
            values["base_rates"] = rates

    for key in section:
        if key not in KNOWN_KEYS:
            problems.append(Problem(key, f"unknown setting `{key}` in [health] (known: {', '.join(KNOWN_KEYS)})",
                                    "warning"))
    settings = Settings(attributes=attributes, extra_attributes=tuple(extra), **values)
    return settings, problems


def _base_rates(raw) -> tuple[dict, str | None]:
    """{attribute: {casefolded value: share}} from `[health.base_rates.ATTRIBUTE]` tables, or a problem."""
    example = "e.g. [health.base_rates.industry] with finance = 0.05"
    if not isinstance(raw, dict):
        return {}, f"`base_rates` must be a table of attributes, {example}; got {raw!r}"
    rates: dict = {}
    for attribute, table in raw.items():
        if not isinstance(table, dict):
            return {}, f"`base_rates.{attribute}` must be a table of value = share, {example}; got {table!r}"
        rates[attribute] = {}
        for value, rate in table.items():
            number = _number(rate)
            if number is None or not 0 < number < 1:
                return {}, (f"`base_rates.{attribute}.{value}` must be a share between 0 and 1 (exclusive), "
                            f"got {rate!r}")
            rates[attribute][str(value).strip().casefold()] = number
    return rates, None


def settings_of(vault) -> tuple[Settings, list[Problem]]:
    return load_settings(vault.config.section("health"))


def config_line(vault, key: str) -> int:
    """The line of `key` inside the `[health]` table of config.toml (0 when not found), for diagnostics."""
    return vault.config.line_of("health", key)
