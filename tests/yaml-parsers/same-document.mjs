// Each YAML file read by the npm `yaml` package is the same document as its JSON twin.
//
// Usage: node same-document.mjs PATH...
//
// Each PATH is a `.json` file, or a folder whose `.json` files are taken; the twin of `X.json`
// is `X.yaml`. The package reads YAML 1.2 (the reader behind Redocly, Spectral and
// openapi-typescript); a document with errors or warnings, or more than one document, fails.

import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { createRequire } from "node:module";
import { parseAllDocuments } from "yaml";

const version = createRequire(import.meta.url)("yaml/package.json").version;

function* documents(paths) {
  for (const path of paths) {
    if (statSync(path).isDirectory()) {
      const names = readdirSync(path).filter((name) => name.endsWith(".json")).sort();
      for (const name of names) yield join(path, name);
    } else {
      yield path;
    }
  }
}

function firstDifference(a, b, where = "$") {
  if (typeof a !== typeof b || Array.isArray(a) !== Array.isArray(b) || (a === null) !== (b === null)) {
    return `${where}: ${JSON.stringify(a)} in JSON, ${JSON.stringify(b)} in YAML`;
  }
  if (a !== null && typeof a === "object") {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) {
      if (!Object.hasOwn(a, key) || !Object.hasOwn(b, key)) {
        return `${where}: key ${JSON.stringify(key)} only in ${Object.hasOwn(a, key) ? "JSON" : "YAML"}`;
      }
      const found = firstDifference(a[key], b[key], `${where}[${JSON.stringify(key)}]`);
      if (found) return found;
    }
    return Array.isArray(a) && a.length !== b.length ? `${where}: lengths differ` : null;
  }
  return Object.is(a, b) ? null : `${where}: ${JSON.stringify(a)} in JSON, ${JSON.stringify(b)} in YAML`;
}

let same = 0;
let failed = 0;
for (const path of documents(process.argv.slice(2))) {
  const twin = path.replace(/\.json$/, ".yaml");
  const expected = JSON.parse(readFileSync(path, "utf8"));
  const parsed = parseAllDocuments(readFileSync(twin, "utf8"));
  const problems = Array.isArray(parsed)
    ? parsed.length === 1
      ? [...parsed[0].errors, ...parsed[0].warnings].map((problem) => problem.message)
      : [`${parsed.length} documents`]
    : ["no document"];
  if (problems.length > 0) {
    console.error(`${twin}: yaml ${version} cannot read it: ${problems.join("; ")}`);
    failed += 1;
    continue;
  }
  const actual = parsed[0].toJS();
  if (isDeepStrictEqual(expected, actual)) {
    same += 1;
  } else {
    console.error(`${twin}: yaml ${version} reads another document than ${path}: ${firstDifference(expected, actual)}`);
    failed += 1;
  }
}
if (same + failed === 0) {
  console.error("no documents to compare");
  process.exit(1);
}
console.log(`yaml ${version}: ${same} of ${same + failed} YAML documents read as their JSON twin`);
process.exit(failed > 0 ? 1 : 0);
