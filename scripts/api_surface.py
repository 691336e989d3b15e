#!/usr/bin/env python3
"""Counts the public surface of errcat-codegen from rustdoc JSON: walks from the root module
through public modules and `pub use` re-exports and counts each item once, with the `pub`
methods of inherent impls (not those of trait impls).

    RUSTC_BOOTSTRAP=1 cargo rustdoc -p errcat-codegen --lib -- -Z unstable-options --output-format json
    python3 scripts/api_surface.py target/doc/errcat_codegen.json
"""
import json
import sys

d = json.load(open(sys.argv[1]))
index = d["index"]
seen = set()
counts = {"modules": 0, "structs": 0, "public fields": 0, "enums": 0,
          "functions and methods": 0, "traits": 0, "constants": 0}


def item(i):
    return index.get(str(i))


def walk(i):
    if i in seen:
        return
    seen.add(i)
    it = item(i)
    if it is None:
        return
    inner = it["inner"]
    kind = next(iter(inner))
    body = inner[kind]
    if kind == "use":
        if body.get("id") is not None:
            walk(body["id"])
        return
    if it["visibility"] != "public" and kind not in ("impl",):
        return
    if kind == "module":
        if i != d["root"]:
            counts["modules"] += 1
        for c in body["items"]:
            walk(c)
    elif kind == "struct":
        counts["structs"] += 1
        k = body["kind"]
        fields = k.get("plain", {}).get("fields", []) if isinstance(k, dict) else []
        if isinstance(k, dict) and "tuple" in k:
            fields = [f for f in k["tuple"] if f is not None]
        for f in fields:
            if item(f)["visibility"] == "public":
                counts["public fields"] += 1
        for imp in body["impls"]:
            walk_impl(imp)
    elif kind == "enum":
        counts["enums"] += 1
        for imp in body["impls"]:
            walk_impl(imp)
    elif kind == "function":
        counts["functions and methods"] += 1
    elif kind == "trait":
        counts["traits"] += 1
    elif kind in ("constant", "static"):
        counts["constants"] += 1


def walk_impl(i):
    it = item(i)
    body = it["inner"]["impl"]
    if body.get("trait") is not None or body.get("synthetic") or body.get("blanket_impl"):
        return
    for c in body["items"]:
        m = item(c)
        k = next(iter(m["inner"]))
        if m["visibility"] == "public" and k == "function":
            counts["functions and methods"] += 1
        elif m["visibility"] == "public" and k == "assoc_const":
            counts["constants"] += 1


walk(d["root"])
for k, v in counts.items():
    print(f"{k}: {v}")
