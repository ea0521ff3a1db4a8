-- Mizzle: the pending changes to one table, as a psql script.
-- Run it with: psql -X -v ON_ERROR_STOP=1 --single-transaction -f FILE
-- It has no BEGIN or COMMIT of its own: --single-transaction makes it all or nothing.
-- Each UPDATE and DELETE stops the script when the row was changed or deleted since
-- it was read, rather than touch nothing in silence.
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;

-- Table: "public"."orders"
-- 1 delete, 2 updates, 2 inserts.

-- delete of id = 7 …
DO $mizzle$
#variable_conflict use_column
BEGIN
    DELETE FROM "public"."orders" WHERE "id" = '7
\! touch pwned'::integer AND xmin = '1240'::xid;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING MESSAGE = 'delete of id = 7 …: the row was changed or deleted since it was read';
    END IF;
END
$mizzle$;

-- update of id = 3 (customer, total, code)
DO $mizzle$
#variable_conflict use_column
BEGIN
    UPDATE "public"."orders" SET "customer" = 'O''Brien \ Co.
second line', "total" = NULL, "code" = '' WHERE "id" = '3'::integer AND xmin = '1234'::xid;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING MESSAGE = 'update of id = 3 (customer, total, code): the row was changed or deleted since it was read';
    END IF;
END
$mizzle$;

-- update of id = 8 (customer, placed, tags)
DO $mizzle2$
#variable_conflict use_column
BEGIN
    UPDATE "public"."orders" SET "customer" = '$mizzle$', "placed" = 'infinity'::timestamp with time zone, "tags" = '{"a b",NULL}'::text[] WHERE "id" = '8'::integer AND xmin = '1250'::xid;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING MESSAGE = 'update of id = 8 (customer, placed, tags): the row was changed or deleted since it was read';
    END IF;
END
$mizzle2$;

-- insert of new row 1
INSERT INTO "public"."orders" ("customer", "total") VALUES ('new', '12.50'::numeric(12,2));

-- insert of new row 2
INSERT INTO "public"."orders" DEFAULT VALUES;
