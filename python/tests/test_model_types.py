"""The model classes' annotations agree with core's models.

``tests/schema/models.json`` is generated from the Rust structs (``tools/codegen``); every
annotated field of :mod:`pancake_api.models` must be a field of the matching Rust model, with
the same JSON types (``null`` aside: any field may be null), and a ``datetime`` exactly where
core reads a timestamp.
"""

from __future__ import annotations

import datetime
import json
import typing
from pathlib import Path
from typing import Any, Dict, Set

import pytest

from pancake_api import models
from pancake_api._models import Model

SCHEMA: Dict[str, Any] = json.loads(
    (Path(__file__).resolve().parents[2] / "tests" / "schema" / "models.json").read_text()
)["$defs"]

# Python names that differ from the Rust ones.
RUST_NAME = {
    "PageInfo": "Page",
    "PageAccessToken": "GeneratedToken",
    "Content": "UploadedContent",
    "ChatPluginMessage": "PluginMessage",
}

CLASSES = [
    c
    for c in vars(models).values()
    if isinstance(c, type) and issubclass(c, Model) and c is not Model and c.__annotations__
]


def schema_kinds(s: Any) -> Set[str]:
    """The JSON types a schema node allows."""
    if s is True or (isinstance(s, dict) and not ({"type", "$ref", "anyOf", "oneOf"} & s.keys())):
        return {"any"}
    if "$ref" in s:
        return schema_kinds(SCHEMA[s["$ref"].rsplit("/", 1)[1]])
    if "anyOf" in s or "oneOf" in s:
        return set().union(*(schema_kinds(a) for a in s.get("anyOf") or s["oneOf"]))
    types = s["type"] if isinstance(s["type"], list) else [s["type"]]
    return set(types)


def python_kinds(annotation: Any) -> Set[str]:
    """The JSON types a Python annotation stands for."""
    origin = typing.get_origin(annotation)
    if origin is typing.Union:
        return set().union(*(python_kinds(a) for a in typing.get_args(annotation)))
    if origin in (list, typing.List):
        return {"array"}
    if annotation is Model:
        return {"object"}
    return {
        str: {"string"},
        int: {"integer"},
        float: {"number", "integer"},
        bool: {"boolean"},
        type(None): {"null"},
        datetime.datetime: {"timestamp"},
        Any: {"any"},
    }[annotation]


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_annotations_match_the_rust_model(cls: type) -> None:
    rust = SCHEMA[RUST_NAME.get(cls.__name__, cls.__name__)]
    hints = typing.get_type_hints(cls)
    for name in cls.__annotations__:
        prop = rust["properties"].get(name)
        assert prop is not None, f"{cls.__name__}.{name}: not a field of the Rust model"
        got = python_kinds(hints[name]) - {"null"}
        if prop.get("x-timestamp"):
            assert got == {"timestamp"}, f"{cls.__name__}.{name}: a timestamp, read as datetime"
            continue
        want = schema_kinds(prop) - {"null"}
        assert "timestamp" not in got, f"{cls.__name__}.{name}: core does not read a timestamp here"
        if "any" not in want and "any" not in got:
            where = f"{cls.__name__}.{name}"
            assert got == want, f"{where}: annotated {got}, the Rust model holds {want}"


def test_every_model_class_is_checked() -> None:
    assert len(CLASSES) >= 80
