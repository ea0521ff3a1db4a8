#!/usr/bin/env bash
# Regenerates the TEXT-format samples of this folder from a PostgreSQL 17 server:
#   tests/data/plans/psql/make_text_samples.sh HOST_OR_SOCKET_DIR OUTPUT_DIR
# (tests/fixture/pg_fixture.sh start gives one). The queries and settings are fixed, so the
# plain EXPLAIN samples come out the same every time; the ANALYZE ones differ only in times.
# auto_explain_server.log is an entry copied from the server log after running, with
# auto_explain.log_analyze on, SELECT count(*) FROM small WHERE grp > 10 AND label <> ''.
set -euo pipefail
host=$1 out=$2
psql=(psql -X -q -h "$host" -d mizzle_test)
"${psql[@]}" <<'SQL'
DROP TABLE IF EXISTS "order lines", small CASCADE;
CREATE TABLE "order lines" ("line id" int, "the qty" int, note text);
INSERT INTO "order lines" SELECT g, g % 7, repeat('x', g % 50) FROM generate_series(1, 100000) g;
CREATE INDEX "order lines by qty" ON "order lines" ("the qty");
CREATE TABLE small AS SELECT g AS grp, 'group ' || g AS label FROM generate_series(0, 99) g;
ANALYZE "order lines";
ANALYZE small;
CREATE OR REPLACE FUNCTION plan_in_one_value(query text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE line text; plan text := '';
BEGIN
    FOR line IN EXECUTE 'EXPLAIN ' || query LOOP plan := plan || line || E'\n'; END LOOP;
    RETURN rtrim(plan, E'\n');
END $$;
SQL
parallel=(-c 'SET max_parallel_workers_per_gather = 2' -c 'SET parallel_setup_cost = 0'
          -c 'SET parallel_tuple_cost = 0' -c 'SET min_parallel_table_scan_size = 0')
join='SELECT "the lines"."the qty", s.label, count(*) FROM "order lines" AS "the lines" JOIN small s ON s.grp = "the lines"."the qty" WHERE "the lines"."line id" > (SELECT avg(grp) FROM small) GROUP BY "the lines"."the qty", s.label ORDER BY 3 DESC'
sorted='SELECT "line id", note FROM "order lines" WHERE "the qty" < 3 ORDER BY note, "line id"'

# Plain EXPLAIN, as JSON and as TEXT: the two must give the same tree exactly.
"${psql[@]}" -At "${parallel[@]}" -c "EXPLAIN (VERBOSE, FORMAT JSON) $join" > "$out/pair_plain.json"
"${psql[@]}" "${parallel[@]}" -c "EXPLAIN (VERBOSE) $join" > "$out/pair_plain.txt"

# EXPLAIN ANALYZE as TEXT, and the same execution as JSON through auto_explain's notice.
"${psql[@]}" "${parallel[@]}" -c "LOAD 'auto_explain'" -c 'SET auto_explain.log_min_duration = 0' \
    -c 'SET auto_explain.log_analyze = on' -c 'SET auto_explain.log_buffers = on' \
    -c 'SET auto_explain.log_verbose = on' -c 'SET auto_explain.log_format = json' \
    -c 'SET auto_explain.log_level = notice' \
    -c "EXPLAIN (ANALYZE, BUFFERS, VERBOSE) $sorted" > "$out/pair_analyze.txt" 2> "$out/pair_analyze_notice.log"

# The same plan the ways psql can print it.
"${psql[@]}" -P border=2 "${parallel[@]}" -c "EXPLAIN $join" > "$out/text_border2.txt"
"${psql[@]}" -P border=2 -P linestyle=unicode -P format=wrapped -P columns=60 "${parallel[@]}" \
    -c "EXPLAIN $join" > "$out/text_unicode_wrapped.txt"
"${psql[@]}" -P format=wrapped -P columns=60 "${parallel[@]}" -c "EXPLAIN $join" > "$out/text_wrapped.txt"
"${psql[@]}" -x "${parallel[@]}" -c "EXPLAIN $join" > "$out/text_expanded.txt"
"${psql[@]}" -A "${parallel[@]}" -c "EXPLAIN $join" > "$out/text_unaligned.txt"
"${psql[@]}" "${parallel[@]}" -c "SELECT plan_in_one_value(\$q\$$join\$q\$) AS \"QUERY PLAN\"" > "$out/text_one_value.txt"
