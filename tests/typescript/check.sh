#!/usr/bin/env bash
# Types every exported OpenAPI document with openapi-typescript, a client generator nobody here
# wrote, and type-checks checks/<name>.ts against it with `tsc --strict`: each check proves that
# a per-status response types its code exactly (a code sent with that status is accepted, a code
# of another status is rejected by a `@ts-expect-error` line, which tsc reports when unused).
# Both tools are pinned in package-lock.json and installed with `npm ci`.
set -euo pipefail
cd "$(dirname "$0")"

npm ci --no-audit --no-fund --loglevel=error
rm -rf out
mkdir out
shopt -s nullglob
documents=(../../generated/openapi/*.json)
if [ "${#documents[@]}" -eq 0 ]; then
  echo "no exported documents in generated/openapi; run \`cargo errcat export\`" >&2
  exit 1
fi
for document in "${documents[@]}"; do
  name="$(basename "$document" .json)"
  if [ ! -f "checks/$name.ts" ]; then
    echo "checks/$name.ts: missing; every exported document needs a TypeScript check" >&2
    exit 1
  fi
  npx --no-install openapi-typescript "$document" --output "out/$name.ts" --silent
done
npx --no-install tsc --project tsconfig.json
echo "typescript: ${#documents[@]} documents typed and checked"
