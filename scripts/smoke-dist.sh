#!/usr/bin/env bash
# Runs the built bot the way the Docker image does: dist/ only (no src/), production layout, a fresh /data.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$root"
npm run build --silent
mkdir -p "$work/app" "$work/data"
cp -r package.json bin dist questions migrations "$work/app/"
# Production dependencies only, as after npm prune --omit=dev: tsx and esbuild are development dependencies.
mkdir "$work/app/node_modules"
for entry in "$root"/node_modules/* "$root"/node_modules/.[!.]*; do
  case "$(basename "$entry")" in tsx | esbuild | @esbuild | .bin) ;; *) ln -s "$entry" "$work/app/node_modules/" ;; esac
done
cd "$work/app"
export SRM_DB="$work/data/srm.db"
test ! -e src
test ! -e node_modules/tsx
test "$(node bin/srm.js --version)" = "$(node -p 'require("./package.json").version')"
node bin/srm.js db migrate
node bin/srm.js questions check
answer="$(node bin/srm.js lookup ec2 os-patching --json)"
echo "$answer" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const j=JSON.parse(s);if(j.status!=="answer"||j.owner!=="customer"){console.error("unexpected lookup:",s);process.exit(1)}console.log("built lookup ok:",j.owner)})'
# The picture needs the shipped font and resvg's native module from the production dependencies.
node bin/srm.js stack rds --png "$work/rds.png" >/dev/null
node -e 'const b=require("fs").readFileSync(process.argv[1]);if(b.readUInt32BE(16)!==720){console.error("unexpected picture");process.exit(1)}console.log("built picture ok:",b.length,"bytes")' "$work/rds.png"
round="$(printf '/srm daily now\n/srm reveal\n/quit\n' | node bin/srm.js terminal)"
echo "$round" | grep -q "Answer:"
echo "built terminal round ok"
node bin/srm.js db verify
