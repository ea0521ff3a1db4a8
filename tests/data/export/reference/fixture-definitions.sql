--
-- Mizzle SQL script export
--
-- Holds: definitions only of every schema
-- From: …
-- Taken: …
--
-- Run it with psql, as it is (it holds no BEGIN or COMMIT of its own):
--     psql -X -v ON_ERROR_STOP=1 --single-transaction -f FILE
--

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;
SET TimeZone = …
SET DateStyle = ISO;
SET IntervalStyle = postgres;
SET extra_float_digits = 3;

--
-- Name: Export Fixture; Type: SCHEMA; Schema: Export Fixture
--

CREATE SCHEMA "Export Fixture";
COMMENT ON SCHEMA "Export Fixture" IS 'a schema whose name needs quotes';

--
-- Name: select; Type: SCHEMA; Schema: select
--

CREATE SCHEMA "select";

--
-- Name: Email; Type: DOMAIN; Schema: Export Fixture
--

CREATE DOMAIN "Export Fixture"."Email" AS text COLLATE "C" CONSTRAINT "Email_check" CHECK ((VALUE ~ '@'::text));
COMMENT ON DOMAIN "Export Fixture"."Email" IS 'an address';

--
-- Name: empty_enum; Type: TYPE; Schema: Export Fixture
--

CREATE TYPE "Export Fixture".empty_enum AS ENUM ();

--
-- Name: mood; Type: TYPE; Schema: Export Fixture
--

CREATE TYPE "Export Fixture".mood AS ENUM ('sad', 'ok', 'it''s "great"', 'ünïcödé');

--
-- Name: point3; Type: TYPE; Schema: Export Fixture
--

CREATE TYPE "Export Fixture".point3 AS (
    x double precision,
    y double precision,
    "Z z" numeric(10,2)
);
COMMENT ON COLUMN "Export Fixture".point3."Z z" IS 'height';

--
-- Name: positive; Type: DOMAIN; Schema: Export Fixture
--

CREATE DOMAIN "Export Fixture".positive AS integer DEFAULT 1 CONSTRAINT positive_not_null NOT NULL CONSTRAINT positive_check CHECK ((VALUE > 0));

--
-- Name: double_it(value integer); Type: FUNCTION; Schema: Export Fixture
--

CREATE OR REPLACE FUNCTION "Export Fixture".double_it(value integer)
 RETURNS integer
 LANGUAGE sql
 IMMUTABLE
RETURN (value * 2);
COMMENT ON FUNCTION "Export Fixture".double_it(integer) IS 'twice';

--
-- Name: touch_updated(); Type: FUNCTION; Schema: Export Fixture
--

CREATE OR REPLACE FUNCTION "Export Fixture".touch_updated()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
    NEW."updated at" := '2000-01-01 00:00:00+00';
    RETURN NEW;
END
$function$;

--
-- Name: noop(); Type: PROCEDURE; Schema: select
--

CREATE OR REPLACE PROCEDURE "select".noop()
 LANGUAGE sql
AS $procedure$ SELECT 1 $procedure$;

--
-- Name: never_used; Type: SEQUENCE; Schema: Export Fixture
--

CREATE SEQUENCE "Export Fixture".never_used AS bigint START WITH 1 INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 CACHE 1;

--
-- Name: ticket_numbers; Type: SEQUENCE; Schema: Export Fixture
--

CREATE SEQUENCE "Export Fixture".ticket_numbers AS bigint START WITH 100 INCREMENT BY 5 MINVALUE 1 MAXVALUE 9223372036854775807 CACHE 1;

--
-- Name: Customer; Type: TABLE; Schema: Export Fixture
--

CREATE TABLE "Export Fixture"."Customer" (
    id integer GENERATED ALWAYS AS IDENTITY (SEQUENCE NAME "Export Fixture"."Customer_id_seq" START WITH 10 INCREMENT BY 10 MINVALUE 1 MAXVALUE 2147483647 CACHE 1) NOT NULL,
    "Full Name" text NOT NULL,
    email "Export Fixture"."Email",
    mood "Export Fixture".mood DEFAULT 'ok'::"Export Fixture".mood,
    score "Export Fixture".positive,
    doubled integer GENERATED ALWAYS AS ("Export Fixture".double_it((score)::integer)) STORED,
    ticket bigint DEFAULT nextval('"Export Fixture".ticket_numbers'::regclass),
    "updated at" timestamp with time zone,
    "user" text,
    CONSTRAINT name_not_blank CHECK (("Full Name" <> ''::text))
);
COMMENT ON TABLE "Export Fixture"."Customer" IS E'customers
\\! touch @PWNED@
and more';
COMMENT ON COLUMN "Export Fixture"."Customer"."Full Name" IS 'as they write it';

--
-- Name: Tab "quoted" \! touch @PWNED@; Type: TABLE; Schema: Export Fixture
--

CREATE TABLE "Export Fixture"."Tab ""quoted""
\! touch @PWNED@" (
    v text
);

--
-- Name: animal; Type: TABLE; Schema: Export Fixture
--

CREATE TABLE "Export Fixture".animal (
    id integer NOT NULL,
    name text,
    CONSTRAINT animal_id_check CHECK ((id > 0))
);

--
-- Name: cat; Type: TABLE; Schema: Export Fixture
--

CREATE TABLE "Export Fixture".cat (
    lives integer,
    name text,
    id integer NOT NULL,
    CONSTRAINT animal_id_check CHECK ((id > 0))
);
ALTER TABLE ONLY "Export Fixture".cat INHERIT "Export Fixture".animal;

--
-- Name: documents; Type: TABLE; Schema: Export Fixture
--

CREATE TABLE "Export Fixture".documents (
    id integer NOT NULL,
    body jsonb,
    tags text[]
);

--
-- Name: dog; Type: TABLE; Schema: Export Fixture
--

CREATE TABLE "Export Fixture".dog (
    good boolean DEFAULT true
) INHERITS ("Export Fixture".animal);

--
-- Name: egg; Type: TABLE; Schema: Export Fixture
--

CREATE TABLE "Export Fixture".egg (
    id integer NOT NULL,
    hen integer
);

--
-- Name: hen; Type: TABLE; Schema: Export Fixture
--

CREATE TABLE "Export Fixture".hen (
    id integer NOT NULL,
    egg integer
);

--
-- Name: measurement; Type: TABLE; Schema: Export Fixture
--

CREATE TABLE "Export Fixture".measurement (
    taken date NOT NULL,
    city text NOT NULL,
    reading numeric
) PARTITION BY RANGE (taken);

--
-- Name: measurement_2024; Type: TABLE; Schema: Export Fixture
--

CREATE TABLE "Export Fixture".measurement_2024 PARTITION OF "Export Fixture".measurement FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');

--
-- Name: measurement_other; Type: TABLE; Schema: Export Fixture
--

CREATE TABLE "Export Fixture".measurement_other PARTITION OF "Export Fixture".measurement DEFAULT;

--
-- Name: order; Type: TABLE; Schema: Export Fixture
--

CREATE TABLE "Export Fixture"."order" (
    id bigint GENERATED BY DEFAULT AS IDENTITY (SEQUENCE NAME "Export Fixture".order_id_seq START WITH 1 INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 CACHE 1) NOT NULL,
    customer integer NOT NULL,
    parent bigint,
    placed date DEFAULT '2024-02-29'::date NOT NULL,
    note text
);

--
-- Name: values; Type: TABLE; Schema: Export Fixture
--

CREATE TABLE "Export Fixture"."values" (
    id integer NOT NULL,
    f8 double precision,
    f4 real,
    num numeric,
    big numeric(40,10),
    b bytea,
    t text,
    c character(3),
    vc character varying(5),
    js json,
    jb jsonb,
    arr integer[],
    tarr text[],
    ts timestamp without time zone,
    tstz timestamp with time zone,
    d date,
    tm time without time zone,
    tmtz time with time zone,
    iv interval,
    u uuid,
    ip inet,
    cidr_ cidr,
    mac macaddr,
    bits bit(4),
    vbits bit varying(8),
    money_ money,
    pt point,
    rng int4range,
    mr int4multirange,
    xml_ xml,
    tsv tsvector,
    comp "Export Fixture".point3,
    moods "Export Fixture".mood[],
    flag boolean,
    small smallint
);

--
-- Name: from; Type: TABLE; Schema: select
--

CREATE TABLE "select"."from" (
    "where" integer,
    "Ünïcödé Column" text
);

--
-- Name: customer_names; Type: VIEW; Schema: Export Fixture
--

CREATE VIEW "Export Fixture".customer_names AS
 SELECT id,
    "Full Name"
   FROM "Export Fixture"."Customer";

--
-- Name: Customer Names Upper; Type: VIEW; Schema: Export Fixture
--

CREATE VIEW "Export Fixture"."Customer Names Upper" WITH (security_barrier=true) AS
 SELECT id,
    upper("Full Name") AS "NAME"
   FROM "Export Fixture".customer_names;
COMMENT ON VIEW "Export Fixture"."Customer Names Upper" IS 'a view on a view';

--
-- Name: never_filled; Type: MATERIALIZED VIEW; Schema: Export Fixture
--

CREATE MATERIALIZED VIEW "Export Fixture".never_filled AS
 SELECT 1 AS one
  WITH NO DATA;

--
-- Name: order_counts; Type: MATERIALIZED VIEW; Schema: Export Fixture
--

CREATE MATERIALIZED VIEW "Export Fixture".order_counts AS
 SELECT customer,
    count(*) AS orders
   FROM "Export Fixture"."order"
  GROUP BY customer
  WITH NO DATA;

--
-- Name: Customer Customer_pkey; Type: CONSTRAINT; Schema: Export Fixture
--

ALTER TABLE ONLY "Export Fixture"."Customer" ADD CONSTRAINT "Customer_pkey" PRIMARY KEY (id);

--
-- Name: Customer customer_email_key; Type: CONSTRAINT; Schema: Export Fixture
--

ALTER TABLE ONLY "Export Fixture"."Customer" ADD CONSTRAINT customer_email_key UNIQUE (email);

--
-- Name: documents documents_pkey; Type: CONSTRAINT; Schema: Export Fixture
--

ALTER TABLE ONLY "Export Fixture".documents ADD CONSTRAINT documents_pkey PRIMARY KEY (id);

--
-- Name: egg egg_pkey; Type: CONSTRAINT; Schema: Export Fixture
--

ALTER TABLE ONLY "Export Fixture".egg ADD CONSTRAINT egg_pkey PRIMARY KEY (id);

--
-- Name: hen hen_pkey; Type: CONSTRAINT; Schema: Export Fixture
--

ALTER TABLE ONLY "Export Fixture".hen ADD CONSTRAINT hen_pkey PRIMARY KEY (id);

--
-- Name: measurement measurement_pkey; Type: CONSTRAINT; Schema: Export Fixture
--

ALTER TABLE "Export Fixture".measurement ADD CONSTRAINT measurement_pkey PRIMARY KEY (taken, city);

--
-- Name: order order_pkey; Type: CONSTRAINT; Schema: Export Fixture
--

ALTER TABLE ONLY "Export Fixture"."order" ADD CONSTRAINT order_pkey PRIMARY KEY (id);

--
-- Name: values values_pkey; Type: CONSTRAINT; Schema: Export Fixture
--

ALTER TABLE ONLY "Export Fixture"."values" ADD CONSTRAINT values_pkey PRIMARY KEY (id);

--
-- Name: documents_body; Type: INDEX; Schema: Export Fixture
--

CREATE INDEX documents_body ON "Export Fixture".documents USING gin (body);

--
-- Name: measurement_city; Type: INDEX; Schema: Export Fixture
--

CREATE INDEX measurement_city ON "Export Fixture".measurement USING btree (city);

--
-- Name: order_counts_customer; Type: INDEX; Schema: Export Fixture
--

CREATE UNIQUE INDEX order_counts_customer ON "Export Fixture".order_counts USING btree (customer);

--
-- Name: order_lower_note; Type: INDEX; Schema: Export Fixture
--

CREATE INDEX order_lower_note ON "Export Fixture"."order" USING btree (lower(note));

--
-- Name: order_open; Type: INDEX; Schema: Export Fixture
--

CREATE INDEX order_open ON "Export Fixture"."order" USING btree (placed) WHERE (note IS NULL);

--
-- Name: Customer touch row; Type: TRIGGER; Schema: Export Fixture
--

CREATE TRIGGER "touch row" BEFORE UPDATE ON "Export Fixture"."Customer" FOR EACH ROW EXECUTE FUNCTION "Export Fixture".touch_updated();

--
-- Name: egg egg_hen_fkey; Type: FK CONSTRAINT; Schema: Export Fixture
--

ALTER TABLE ONLY "Export Fixture".egg ADD CONSTRAINT egg_hen_fkey FOREIGN KEY (hen) REFERENCES "Export Fixture".hen(id) DEFERRABLE INITIALLY DEFERRED;

--
-- Name: hen hen_egg_fkey; Type: FK CONSTRAINT; Schema: Export Fixture
--

ALTER TABLE ONLY "Export Fixture".hen ADD CONSTRAINT hen_egg_fkey FOREIGN KEY (egg) REFERENCES "Export Fixture".egg(id);

--
-- Name: order order_customer_fkey; Type: FK CONSTRAINT; Schema: Export Fixture
--

ALTER TABLE ONLY "Export Fixture"."order" ADD CONSTRAINT order_customer_fkey FOREIGN KEY (customer) REFERENCES "Export Fixture"."Customer"(id);

--
-- Name: order order_parent_fkey; Type: FK CONSTRAINT; Schema: Export Fixture
--

ALTER TABLE ONLY "Export Fixture"."order" ADD CONSTRAINT order_parent_fkey FOREIGN KEY (parent) REFERENCES "Export Fixture"."order"(id);
--
-- End of the Mizzle SQL script export
--
