"""The typed facts (``pactgraph.nlp.facts``) and the shipped JSON schema say the same format.

Every ``TypedDict`` is an object of the schema with the same keys, the same required keys and
compatible value types; the vocabularies (kinds, qualifiers) are the extractor's own; the
schema ships with the package and accepts the evaluation's hand-checked facts.
"""

from __future__ import annotations

import fnmatch
import json
import tomllib
import types
import typing
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

from pactgraph.nlp import facts as facts_module
from pactgraph.nlp.facts import Facts, Kind, Qualifier, facts_schema
from pactgraph.nlp.kinds import KINDS

REPO = Path(__file__).resolve().parents[2]
GOLD_SETS = [REPO.parent / "shared" / "eval" / name for name in ("gold", "gold-extra")]
SCHEMA_FILE = "data/facts.schema.json"
# the JSON type of each Python scalar the facts use (a JSON "number" also holds integers)
JSON_TYPES = {str: "string", int: "integer", float: "number", bool: "boolean", type(None): "null"}


def _resolve(node: dict, schema: dict, seen_defs: set[str]) -> dict:
    ref = node.get("$ref")
    if ref is None:
        return node
    name = ref.removeprefix("#/$defs/")
    seen_defs.add(name)
    return schema["$defs"][name]


def _check(tp, node: dict, schema: dict, where: str, seen: dict) -> None:
    """Assert that the schema ``node`` describes the Python type ``tp``."""
    node = _resolve(node, schema, seen["defs"])
    origin = typing.get_origin(tp)
    if typing.is_typeddict(tp):
        seen["typeddicts"].add(tp)
        hints = typing.get_type_hints(tp)
        assert node.get("type") == "object", where
        assert node.get("additionalProperties") is False, f"{where}: extra keys must fail"
        assert set(node["properties"]) == set(hints), f"{where} ({tp.__name__}): keys differ"
        assert set(node.get("required", ())) == set(tp.__required_keys__), (
            f"{where} ({tp.__name__}): required keys differ"
        )
        for key, hint in hints.items():
            _check(hint, node["properties"][key], schema, f"{where}.{key}", seen)
    elif origin is typing.Literal:
        allowed = node["enum"] if "enum" in node else [node["const"]]
        assert sorted(allowed) == sorted(typing.get_args(tp)), f"{where}: values differ"
    elif origin is list:
        assert node.get("type") == "array", where
        _check(typing.get_args(tp)[0], node["items"], schema, f"{where}[]", seen)
    elif origin in (types.UnionType, typing.Union):
        declared = node["type"] if isinstance(node["type"], list) else [node["type"]]
        assert sorted(declared) == sorted(JSON_TYPES[a] for a in typing.get_args(tp)), where
    else:
        assert node.get("type") == JSON_TYPES[tp], f"{where}: {node.get('type')} for {tp}"


def _typeddicts_of_the_module() -> set[type]:
    return {v for v in vars(facts_module).values() if typing.is_typeddict(v)}


def test_every_typeddict_and_the_schema_agree_key_by_key():
    schema = facts_schema()
    seen: dict[str, set] = {"defs": set(), "typeddicts": set()}
    _check(Facts, schema, schema, "$", seen)
    assert seen["typeddicts"] == _typeddicts_of_the_module()  # each type is part of the facts
    assert seen["defs"] == set(schema["$defs"])  # and the schema defines nothing else


def test_the_checker_sees_a_type_that_disagrees():
    schema = facts_schema()
    schema["$defs"]["stake"]["required"].remove("qualifier")
    seen: dict[str, set] = {"defs": set(), "typeddicts": set()}
    with pytest.raises(AssertionError, match="Stake"):
        _check(Facts, schema, schema, "$", seen)


def test_the_schema_is_a_valid_draft_2020_12_schema():
    jsonschema.Draft202012Validator.check_schema(facts_schema())
    assert facts_schema()["properties"]["schema"]["const"] == facts_module.SCHEMA_ID


def test_kinds_and_qualifiers_are_the_extractors_vocabularies():
    assert typing.get_args(Kind) == KINDS
    data = json.loads(
        resources.files("pactgraph.nlp").joinpath("data/qualifiers.json").read_text("utf-8")
    )
    said = {q for q in data if not q.startswith("_")}
    assert set(typing.get_args(Qualifier)) == said | {"exact"}


def test_the_schema_ships_as_package_data():
    project = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))
    globs = project["tool"]["setuptools"]["package-data"]["pactgraph.nlp"]
    assert any(fnmatch.fnmatch(SCHEMA_FILE, g) for g in globs), globs
    assert (REPO / "nlp" / SCHEMA_FILE).is_file()


@pytest.mark.skipif(
    not all(d.is_dir() for d in GOLD_SETS),
    reason="gold set not present (../shared is not beside the repo)",
)
def test_the_hand_checked_facts_validate():
    validator = jsonschema.Draft202012Validator(
        facts_schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    files = sorted(p for d in GOLD_SETS for p in d.glob("*.json"))
    assert len(files) >= 500
    failures = {}
    for path in files:
        errors = [
            f"{e.json_path}: {e.message}"
            for e in validator.iter_errors(json.loads(path.read_text("utf-8")))
        ]
        if errors:
            failures[path.name] = errors[:3]
    assert failures == {}
