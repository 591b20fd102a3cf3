#!/usr/bin/env bash
# What a reader walks through from an entry point: every class of the service the entry reaches through
# compile-time references (jdeps, transitively), counted with the packages they sit in.
#   bench/walk.sh [classes-dir] EntryClass [EntryClass ...]     e.g. bench/walk.sh io.dx0.session.session.web.AuthResource
# Run ./mvnw compile first. A class is reached when its name appears in another's bytecode (a field, a call,
# a signature); what CDI injects behind an interface is not followed, so the walk stops at a capability.
set -euo pipefail
classes=target/classes
if [[ -d "${1:-}" ]]; then classes=$1; shift; fi
edges=$(mktemp)
trap 'rm -f "$edges"' EXIT
jdeps -verbose:class -filter:none -e 'io\.dx0\.session\..*' "$classes" 2>/dev/null \
    | awk '$2 == "->" && $1 ~ /^io\.dx0\.session\./ { sub(/\$.*/, "", $1); sub(/\$.*/, "", $3); if ($1 != $3) print $1, $3 }' \
    | sort -u > "$edges"
python3 - "$edges" "$@" <<'PY'
import sys
edges = {}
for line in open(sys.argv[1]):
    a, b = line.split()
    edges.setdefault(a, set()).add(b)
seen, todo = set(sys.argv[2:]), list(sys.argv[2:])
while todo:
    for nxt in edges.get(todo.pop(), ()):
        if nxt not in seen:
            seen.add(nxt)
            todo.append(nxt)
packages = sorted({c.rsplit('.', 1)[0].removeprefix('io.dx0.session.') for c in seen})
print(f"{len(seen)} classes in {len(packages)} packages: {' '.join(packages)}")
PY
