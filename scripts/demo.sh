#!/usr/bin/env bash
# Install Parallax and run it on the bundled demo corpus: analyse, screen, export, compare.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh run
. .venv/bin/activate
out=out/demo; mkdir -p "$out"
rm -f "$out/demo.db"
db="$out/demo.db"
for list in src/parallax/data/lists/*.ftm.json; do
  [ -e "$list" ] && parallax lists add "$list" --db "$db"
done
parallax analyze demo/corpus --db "$db"
parallax export json --db "$db" -o "$out/dossier.json"
parallax export ftm --db "$db" -o "$out/dossier.ftm.json"
parallax export graphml --db "$db" -o "$out/entities.graphml"
parallax report --db "$db" --format html -o "$out/report.html"
parallax compare --db "$db"
parallax screen --db "$db"
echo "Dossier: $out/dossier.json   Report: $out/report.html   Browse: parallax serve --db $db"
