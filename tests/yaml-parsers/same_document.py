"""Each YAML file read by PyYAML is the same document as its JSON twin.

Usage: python3 same_document.py PATH...

Each PATH is a `.json` file, or a folder whose `.json` files are taken; the twin of `X.json`
is `X.yaml`. PyYAML's own (pure Python) reader is used, not its libyaml binding: libyaml is
what the Rust tests read with already. PyYAML reads YAML 1.1, where `on` or `2001-01-01` are
no strings. Values are compared with their types (`1`, `1.0` and `true` are three values).
"""

import json
import pathlib
import sys

import yaml


def same(a, b):
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    return a == b


def first_difference(a, b, where="$"):
    if type(a) is not type(b):
        return f"{where}: {a!r} in JSON, {b!r} in YAML"
    if isinstance(a, dict):
        for key in a.keys() | b.keys():
            if key not in a or key not in b:
                return f"{where}: key {key!r} only in {'JSON' if key in a else 'YAML'}"
            found = first_difference(a[key], b[key], f"{where}[{key!r}]")
            if found:
                return found
        return None
    if isinstance(a, list):
        if len(a) != len(b):
            return f"{where}: {len(a)} items in JSON, {len(b)} in YAML"
        for index, (x, y) in enumerate(zip(a, b)):
            found = first_difference(x, y, f"{where}[{index}]")
            if found:
                return found
        return None
    return None if a == b else f"{where}: {a!r} in JSON, {b!r} in YAML"


def documents(paths):
    for path in map(pathlib.Path, paths):
        if path.is_dir():
            yield from sorted(path.glob("*.json"))
        else:
            yield path


def main(paths):
    same_count = failed = 0
    for path in documents(paths):
        twin = path.with_suffix(".yaml")
        expected = json.loads(path.read_text(encoding="utf-8"))
        try:
            actual = yaml.load(twin.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
        except yaml.YAMLError as error:
            print(f"{twin}: PyYAML cannot read it: {error}", file=sys.stderr)
            failed += 1
            continue
        if same(expected, actual):
            same_count += 1
        else:
            print(f"{twin}: PyYAML reads another document than {path}: "
                  f"{first_difference(expected, actual)}", file=sys.stderr)
            failed += 1
    if same_count + failed == 0:
        sys.exit("no documents to compare")
    print(f"PyYAML {yaml.__version__}: {same_count} of {same_count + failed} YAML documents "
          "read as their JSON twin")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main(sys.argv[1:])
