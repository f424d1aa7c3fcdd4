#!/usr/bin/env bash
# Lighthouse 12 SEO scores (mobile preset) of a running production build, one line per page:
#   BASE=http://127.0.0.1:4132 scripts/lighthouse-seo.sh / /kb/some-article /community/t/4-slug /ideas/1-slug /status
# Start the server with PUBLIC_URL equal to BASE, so canonical URLs point at the pages crawled.
# Lighthouse is fetched by npx (not a project dependency); Chromium comes from CHROME_PATH.
set -euo pipefail
BASE="${BASE:-http://127.0.0.1:3000}"
export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"
OUT="$(mktemp -d)"
for path in "$@"; do
  report="$OUT/$(echo "$path" | tr '/?=&' '____').json"
  npx --yes lighthouse@12 "$BASE$path" --only-categories=seo --form-factor=mobile --quiet \
    --chrome-flags="--headless=new --no-sandbox --disable-gpu" --output=json --output-path="$report" >/dev/null
  node -e '
    const report = require(process.argv[1]);
    const failed = Object.values(report.audits).filter((audit) => audit.score === 0).map((audit) => audit.id);
    console.log(`${Math.round(report.categories.seo.score * 100)}\t${process.argv[2]}${failed.length ? `\tfailed: ${failed.join(", ")}` : ""}`);
  ' "$report" "$path"
done
