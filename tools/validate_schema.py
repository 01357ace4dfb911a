#!/usr/bin/env python3
"""Validate MDP files against Specs/mdp.schema.json with the `jsonschema` package.

Usage: tools/validate_schema.py FILE... (the Makefile runs it in .venv-tools on Environments/*.json).
Exit status 0 when every file validates, 1 otherwise; each error names the file and the JSON path.
"""
import json
import pathlib
import sys

import jsonschema

ROOT = pathlib.Path(__file__).resolve().parent.parent


def json_path(error):
    path = "$"
    for part in error.absolute_path:
        path += f"[{part}]" if isinstance(part, int) else f".{part}"
    return path


def main(files):
    schema = json.loads((ROOT / "Specs" / "mdp.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    failures = 0
    for name in files:
        document = json.loads(pathlib.Path(name).read_text())
        errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
        for error in errors:
            print(f"{name}: {json_path(error)}: {error.message}", file=sys.stderr)
        failures += bool(errors)
        if not errors:
            print(f"schema ok  {name}")
    print(f"schema: {len(files) - failures} of {len(files)} files valid")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
