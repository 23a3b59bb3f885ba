"""Visit rules: how often each key person and venue must be visited (走访频次), a small table the project keeps.

A rule gives the days allowed between visits for key persons of a risk level (``risk_level``) or category
(``category``), or for venues of a type (``type``). A target matching several rules takes the strictest (fewest
days); one matching none takes its kind's default. The table lives in ``meta["visit_rules"]`` with the
distance a check-in may be from its target before it is flagged far (``far_m``) and how many days before its
due date a target counts as due soon (``soon_days``). A project without the key uses :data:`DEFAULT_RULES`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from gridmap.core.errors import GridMapError
from gridmap.core.i18n import tr

KEY = "visit_rules"
FIELDS = {"risk_level": "persons", "category": "persons", "type": "venues"}
"""The target columns a rule can match, and the kind of target that has it."""
FIELD_NAMES = {"risk": "risk_level", "risk_level": "risk_level", "风险": "risk_level", "风险等级": "risk_level",
               "category": "category", "类别": "category", "人员类别": "category", "type": "type",
               "类型": "type", "场所类型": "type", "default": "default", "默认": "default"}
"""What ``--set FIELD:VALUE=DAYS`` may call a field."""
KIND_NAMES = {"persons": "persons", "人员": "persons", "重点人员": "persons", "venues": "venues", "场所": "venues",
              "重点场所": "venues"}
MAX_DAYS = 3650
RISK_WORDS = ("高", "中", "低", "较高", "较低", "一般")


@dataclass(frozen=True)
class VisitRule:
    """Targets whose ``field`` (risk_level, category or type) is ``value`` are visited every ``days`` days."""

    field: str
    value: str
    days: int

    @property
    def target_kind(self) -> str:
        return FIELDS[self.field]

    def to_json(self) -> dict:
        return {"field": self.field, "value": self.value, "days": self.days}


@dataclass(frozen=True)
class VisitRules:
    """The rules, the days for targets no rule matches by kind, the far check-in distance and the due-soon
    window."""

    rules: tuple[VisitRule, ...]
    default: dict = field(default_factory=lambda: {"persons": 30, "venues": 90})
    far_m: float = 500.0
    soon_days: int = 3

    def to_json(self) -> dict:
        return {"rules": [r.to_json() for r in self.rules], "default": dict(self.default), "far_m": self.far_m,
                "soon_days": self.soon_days}

    def days_for(self, kind: str, targets: pd.DataFrame) -> np.ndarray:
        """Days allowed between visits for each row of a ``kind`` layer (persons or venues)."""
        days = np.full(len(targets), np.iinfo(np.int64).max, dtype=np.int64)
        for rule in self.rules:
            if rule.target_kind != kind or rule.field not in targets.columns:
                continue
            values = _normal(targets[rule.field].astype("str").fillna(""), rule.field)
            hit = (values == _normal_value(rule.value, rule.field)).to_numpy(dtype=bool)
            days[hit] = np.minimum(days[hit], rule.days)
        days[days == np.iinfo(np.int64).max] = int(self.default.get(kind, 30))
        return days


def _normal_value(value: str, field: str) -> str:
    value = str(value).strip()
    if field == "risk_level":  # 高风险, 高 and 高风险等级 are one level
        value = re.sub(r"(风险)?(等级|级)?$", "", value) or value
    return value


def _normal(values: pd.Series, field: str) -> pd.Series:
    values = values.str.strip()
    if field == "risk_level":
        values = values.str.replace(r"(风险)?(等级|级)?$", "", regex=True).where(lambda v: v != "", values)
    return values


DEFAULT_RULES = VisitRules((
    VisitRule("risk_level", "高风险", 7), VisitRule("risk_level", "中风险", 30), VisitRule("risk_level", "低风险", 90),
    VisitRule("category", "社区矫正", 7), VisitRule("category", "严重精神障碍", 30), VisitRule("category", "吸毒", 30),
    VisitRule("category", "重点上访", 30), VisitRule("category", "邪教", 30),
    VisitRule("type", "危化品企业", 30), VisitRule("type", "旅馆业", 30), VisitRule("type", "小旅馆", 30),
    VisitRule("type", "歌舞娱乐", 30), VisitRule("type", "小歌舞娱乐", 30), VisitRule("type", "上网服务", 30),
    VisitRule("type", "小网吧", 30), VisitRule("type", "出租房", 90),
))
"""The rules of a project that has not set its own: weekly for high-risk persons and community corrections,
monthly for medium risk, drug users, severe mental disorder, petitioners and cults, and for hazardous chemicals,
hotels, entertainment and internet venues; quarterly for the rest of the venues and low-risk persons."""


def visit_rules(meta: dict) -> VisitRules:
    """The project's visit rules (:data:`DEFAULT_RULES` when it has none); GridMapError if they are damaged."""
    stored = meta.get(KEY)
    if stored is None:
        return DEFAULT_RULES
    try:
        rules = tuple(VisitRule(str(r["field"]), str(r["value"]), int(r["days"])) for r in stored["rules"])
        out = VisitRules(rules, {k: int(v) for k, v in stored.get("default", DEFAULT_RULES.default).items()},
                         float(stored.get("far_m", DEFAULT_RULES.far_m)),
                         int(stored.get("soon_days", DEFAULT_RULES.soon_days)))
        check_rules(out)
    except (KeyError, TypeError, ValueError, GridMapError):
        raise GridMapError(tr("damaged project: its visit rules cannot be read")) from None
    return out


def set_visit_rules(meta: dict, rules: VisitRules | None) -> None:
    """Store ``rules`` in ``meta`` (None: back to the defaults); the stored value is replaced, not changed in
    place, so a copy of the project keeps its own."""
    if rules is None:
        meta.pop(KEY, None)
        return
    check_rules(rules)
    meta[KEY] = rules.to_json()


def check_rules(rules: VisitRules) -> None:
    """GridMapError naming the first value out of range."""
    for rule in rules.rules:
        if rule.field not in FIELDS:
            raise GridMapError(tr("unknown rule field {field}; expected one of {expected}", field=repr(rule.field),
                                  expected=", ".join(FIELDS)))
        _check_days(rule.days, rule.value)
    for kind, days in rules.default.items():
        if kind not in ("persons", "venues"):
            raise GridMapError(tr("unknown target kind {value}; expected 重点人员 (persons) or 重点场所 (venues)",
                                  value=repr(kind)))
        _check_days(days, kind)
    if not 0 < rules.far_m <= 100_000:
        raise GridMapError(tr("the far check-in distance must be more than 0 m, not {value}", value=rules.far_m))
    if not 0 <= rules.soon_days <= MAX_DAYS:
        raise GridMapError(tr("days before due must be 0 to {max}, not {value}", max=MAX_DAYS, value=rules.soon_days))


def _check_days(days: int, what: str) -> None:
    if not 1 <= days <= MAX_DAYS:
        raise GridMapError(tr("{what}: days between visits must be 1 to {max}, not {days}", what=what, max=MAX_DAYS,
                              days=days))


def changed_rules(rules: VisitRules, changes: list[str], remove: list[str] = (), known: dict | None = None,
                  far_m: float | None = None, soon_days: int | None = None) -> VisitRules:
    """``rules`` with ``changes`` (``VALUE=DAYS``, ``FIELD:VALUE=DAYS`` or ``default:KIND=DAYS``) made, the rules
    of ``remove`` (``VALUE`` or ``FIELD:VALUE``) removed and the distance and window set. A bare ``VALUE`` is
    the rule's field when a rule has that value, else a risk level, else the field of ``known`` (``{field:
    values in the project}``) holding it; GridMapError when it cannot be told."""
    table = {(r.field, _normal_value(r.value, r.field)): r for r in rules.rules}
    default = dict(rules.default)
    for text in remove:
        key = _field_value(text, table, known or {})
        if key not in table:
            raise GridMapError(tr("no visit rule for {value}", value=text.strip()))
        del table[key]
    for text in changes:
        target, sep, number = str(text).rpartition("=")
        if not sep or not target.strip():
            raise GridMapError(tr("expected VALUE=DAYS such as 高风险=7, not {text}", text=repr(text)))
        try:
            days = int(number.strip())
        except ValueError:
            raise GridMapError(tr("expected VALUE=DAYS such as 高风险=7, not {text}", text=repr(text))) from None
        head, colon, rest = target.partition(":")
        if colon and FIELD_NAMES.get(head.strip().lower()) == "default":
            kind = KIND_NAMES.get(rest.strip().lower())
            if kind is None:
                raise GridMapError(tr("unknown target kind {value}; expected 重点人员 (persons) or 重点场所 (venues)",
                                      value=repr(rest.strip())))
            _check_days(days, kind)
            default[kind] = days
            continue
        key = _field_value(target, table, known or {})
        _check_days(days, target.strip())
        value = table[key].value if key in table else (rest.strip() if colon else target.strip())
        table[key] = VisitRule(key[0], value, days)
    out = VisitRules(tuple(table.values()), default, rules.far_m if far_m is None else float(far_m),
                     rules.soon_days if soon_days is None else int(soon_days))
    check_rules(out)
    return out


def _field_value(text: str, table: dict, known: dict) -> tuple[str, str]:
    """The (field, normalised value) a rule key such as ``高风险``, ``type:出租房`` or ``category:吸毒`` names."""
    head, colon, rest = str(text).partition(":")
    if colon:
        name = FIELD_NAMES.get(head.strip().lower())
        if name is None or name == "default":
            raise GridMapError(tr("unknown rule field {field}; expected one of {expected}", field=repr(head.strip()),
                                  expected="risk, category, type, default"))
        return name, _normal_value(rest, name)
    value = text.strip()
    fields = [f for f in FIELDS if (f, _normal_value(value, f)) in table]
    if not fields:
        risk = _normal_value(value, "risk_level")
        if risk in RISK_WORDS or risk in {_normal_value(v, "risk_level") for v in known.get("risk_level", ())}:
            fields = ["risk_level"]
        else:
            fields = [f for f in ("category", "type") if value in set(known.get(f, ()))]
    if len(fields) != 1:
        raise GridMapError(tr("cannot tell which field {value} is; write risk:{value}, category:{value} or "
                              "type:{value}", value=value))
    return fields[0], _normal_value(value, fields[0])

