#!/bin/bash
# usage: chk.sh term...
for t in "$@"; do
 echo "== $t"
 grep -il -- "$t" /work/main/tests/gold/*/texts/SOURCES.tsv /work/main/tests/gold/*/README.md /work/shared/corpus/*/SOURCES.tsv /tmp/w/stage/*/texts/SOURCES.tsv /tmp/w/claims.txt 2>/dev/null | head
 grep -ih -o -- ".\{0,30\}$t.\{0,30\}" /work/main/tests/gold/*/README.md /tmp/w/claims.txt /work/main/tests/gold/*/texts/SOURCES.tsv /work/shared/corpus/*/SOURCES.tsv /tmp/w/stage/*/texts/SOURCES.tsv 2>/dev/null | head -5
done
