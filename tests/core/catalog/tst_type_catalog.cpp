#include "catalog/type_catalog.h"
#include "test_database.h"
#include "values/pg_type_names.h"

#include <QSignalSpy>
#include <QTest>

using namespace mizzle;
using namespace Qt::StringLiterals;

class TestTypeCatalog : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void shortNamesForHeaders();
    void modifiersAreSpelledAsTheServerSpellsThem();
    void builtinNamesAreTheServersOwn();
    void namesUserTypesAndTheirArrays();
    void numbersByCategory();
    void namesBuiltinsBeforeLoadingAndNewTypesAfterReloading();

private:
    unsigned int oidOf(const QString &type);
    std::unique_ptr<ConnectionPool> m_pool;
};

void TestTypeCatalog::initTestCase()
{
    m_pool = std::make_unique<ConnectionPool>(test::testParameters(), PoolSettings{});
    // One column per way a modifier reads, the unmodified forms beside them, and arrays.
    const auto created = test::runScript(*m_pool, uR"(
        DROP SCHEMA IF EXISTS type_test CASCADE;
        CREATE SCHEMA type_test;
        CREATE TABLE type_test.modified (
            v320 varchar(320), v varchar, c2 char(2), c char, bp bpchar,
            n10_2 numeric(10,2), n5 numeric(5), n_neg numeric(3,-2), n numeric,
            t3 time(3), t time, tz0 timetz(0), tz timetz,
            ts6 timestamp(6), ts timestamp, tstz3 timestamptz(3), tstz timestamptz,
            i interval, i2 interval(2), ids interval day to second(3), iym interval year to month,
            im interval minute, ihm interval hour to minute, is0 interval second(0),
            b4 bit(4), b bit, vb8 bit varying(8), vb varbit,
            v20a varchar(20)[], tstz3a timestamptz(3)[], n10_2a numeric(10,2)[], c1a char(1)[],
            bpa bpchar[], b2a bit(2)[], i_a interval minute to second(1)[],
            int4 integer, txt text, f8 double precision, f4 real, bool boolean);
        CREATE TYPE type_test.mood AS ENUM ('sad', 'happy');
        CREATE DOMAIN type_test.positive AS integer CHECK (VALUE > 0);
        CREATE DOMAIN type_test."Money Amount" AS numeric(12,2);
        CREATE TYPE type_test.pair AS (a integer, b text);
        CREATE TYPE type_test.floatrange AS RANGE (subtype = float8);)"_s);
    QVERIFY2(created.ok(), test::describe(created).constData());
}

unsigned int TestTypeCatalog::oidOf(const QString &type)
{
    const auto found = test::run(*m_pool, u"SELECT $1::regtype::oid"_s, {type});
    return found.ok() ? found->text(0, 0).toUInt() : 0;
}

void TestTypeCatalog::shortNamesForHeaders()
{
    QCOMPARE(shortTypeName(u"timestamp with time zone"_s), u"timestamptz"_s);
    QCOMPARE(shortTypeName(u"timestamp without time zone"_s), u"timestamp"_s);
    QCOMPARE(shortTypeName(u"time with time zone"_s), u"timetz"_s);
    QCOMPARE(shortTypeName(u"time(0) without time zone"_s), u"time(0)"_s);
    QCOMPARE(shortTypeName(u"character varying(320)"_s), u"varchar(320)"_s);
    QCOMPARE(shortTypeName(u"character varying"_s), u"varchar"_s);
    QCOMPARE(shortTypeName(u"character(2)"_s), u"char(2)"_s);
    QCOMPARE(shortTypeName(u"double precision"_s), u"float8"_s);
    QCOMPARE(shortTypeName(u"real[]"_s), u"float4[]"_s);
    QCOMPARE(shortTypeName(u"boolean"_s), u"bool"_s);
    QCOMPARE(shortTypeName(u"bit varying(8)"_s), u"varbit(8)"_s);
    QCOMPARE(shortTypeName(u"timestamp(3) with time zone[]"_s), u"timestamptz(3)[]"_s);
    QCOMPARE(shortTypeName(u"character varying(20)[]"_s), u"varchar(20)[]"_s);
    // Anything else as it is: other types, and user types whose names merely look alike.
    QCOMPARE(shortTypeName(u"numeric(10,2)"_s), u"numeric(10,2)"_s);
    QCOMPARE(shortTypeName(u"interval day to second(3)"_s), u"interval day to second(3)"_s);
    QCOMPARE(shortTypeName(u"integer"_s), u"integer"_s);
    QCOMPARE(shortTypeName(u"\"char\""_s), u"\"char\""_s);
    QCOMPARE(shortTypeName(u"type_test.mood[]"_s), u"type_test.mood[]"_s);
    QCOMPARE(shortTypeName(u"\"boolean flag\""_s), u"\"boolean flag\""_s);
    QCOMPARE(shortTypeName(u"public.\"real\""_s), u"public.\"real\""_s);
    QCOMPARE(shortTypeName(QString()), QString());
}

void TestTypeCatalog::modifiersAreSpelledAsTheServerSpellsThem()
{
    // The modifiers as a result reports them (PQfmod), against what the server's format_type
    // makes of the same columns' atttypmod.
    const auto result = test::run(*m_pool, u"SELECT * FROM type_test.modified"_s);
    QVERIFY2(result.ok(), test::describe(result).constData());
    const auto expected = test::run(*m_pool, u"SELECT attname, format_type(atttypid, atttypmod) "
                                             u"FROM pg_attribute WHERE attrelid = "
                                             u"'type_test.modified'::regclass AND attnum > 0 "
                                             u"ORDER BY attnum"_s);
    QVERIFY2(expected.ok(), test::describe(expected).constData());
    QCOMPARE(expected->rowCount(), qsizetype(result->columnCount()));
    for (int column = 0; column < result->columnCount(); ++column) {
        const ResultColumn &info = result->columns().at(column);
        QCOMPARE(info.name, expected->text(column, 0));
        const QString spelled =
            formatTypeWithModifier(builtinTypeName(info.typeOid), info.typeOid, info.typeModifier);
        QCOMPARE(spelled, expected->text(column, 1));
    }
    // A modifier on a type that takes none, or on one this cannot spell, changes nothing.
    QCOMPARE(formatTypeWithModifier(u"integer"_s, 23, 7), u"integer"_s);
    QCOMPARE(formatTypeWithModifier(u"geometry"_s, 99999, 1107460), u"geometry"_s);
}

void TestTypeCatalog::builtinNamesAreTheServersOwn()
{
    // Every OID the built-in table names, as format_type(oid, NULL) names it.
    QList<unsigned int> oids;
    const auto all = test::run(*m_pool, u"SELECT oid FROM pg_type WHERE oid < 10000"_s);
    QVERIFY2(all.ok(), test::describe(all).constData());
    QStringList spelled;
    for (qsizetype row = 0; row < all->rowCount(); ++row) {
        const unsigned int oid = all->text(row, 0).toUInt();
        const QString name = builtinTypeName(oid);
        if (name.startsWith(u"oid "_s))
            continue;
        oids.append(oid);
        spelled.append(name);
    }
    QVERIFY(oids.size() > 60);
    QStringList texts;
    for (unsigned int oid : std::as_const(oids))
        texts.append(QString::number(oid));
    const auto server =
        test::run(*m_pool,
                  u"SELECT format_type(o, NULL) FROM unnest($1::oid[]) WITH ORDINALITY u(o, n) "
                  u"ORDER BY n"_s,
                  {u"{%1}"_s.arg(texts.join(u','))});
    QVERIFY2(server.ok(), test::describe(server).constData());
    for (qsizetype i = 0; i < oids.size(); ++i)
        QCOMPARE(spelled.at(i), server->text(i, 0));
}

void TestTypeCatalog::namesUserTypesAndTheirArrays()
{
    TypeCatalog types(m_pool.get());
    QSignalSpy loaded(&types, &TypeCatalog::loaded);
    types.load();
    QVERIFY(types.isLoading());
    QVERIFY(loaded.wait(30'000));
    QVERIFY(types.isLoaded());
    QVERIFY(types.size() > 100);

    const auto names = test::run(*m_pool, uR"(
        SELECT t.oid, format_type(t.oid, NULL), a.oid, format_type(a.oid, NULL)
        FROM pg_type t JOIN pg_type a ON a.oid = t.typarray
        WHERE t.typnamespace = 'type_test'::regnamespace AND t.typtype IN ('e', 'd', 'c', 'r')
        ORDER BY t.typname)"_s);
    QVERIFY2(names.ok(), test::describe(names).constData());
    // floatrange, modified (a table's row type), "Money Amount", mood, pair, positive.
    QCOMPARE(names->rowCount(), 6);
    for (qsizetype row = 0; row < names->rowCount(); ++row) {
        QCOMPARE(types.typeName(names->text(row, 0).toUInt()), names->text(row, 1));
        QCOMPARE(types.typeName(names->text(row, 2).toUInt()), names->text(row, 3));
    }
    // Off the search path, a type is qualified, quoted where it must be.
    QCOMPARE(types.typeName(oidOf(u"type_test.mood"_s)), u"type_test.mood"_s);
    QCOMPARE(types.typeName(oidOf(u"type_test.\"Money Amount\"[]"_s)),
             u"type_test.\"Money Amount\"[]"_s);

    // A result of an enum names the enum, not its OID.
    const auto result =
        test::run(*m_pool, u"SELECT 'happy'::type_test.mood AS m, ROW(1, 'x')::type_test.pair AS "
                           u"p, ARRAY['sad']::type_test.mood[] AS ms, '1.5'::numeric(4,2) AS n"_s);
    QVERIFY2(result.ok(), test::describe(result).constData());
    const auto nameOf = [&](int column) {
        const ResultColumn &info = result->columns().at(column);
        return types.typeName(info.typeOid, info.typeModifier);
    };
    QCOMPARE(nameOf(0), u"type_test.mood"_s);
    QCOMPARE(nameOf(1), u"type_test.pair"_s);
    QCOMPARE(nameOf(2), u"type_test.mood[]"_s);
    QCOMPARE(nameOf(3), u"numeric(4,2)"_s);
    QCOMPARE(types.typeName(4'000'000'000u), u"oid 4000000000"_s);
}

void TestTypeCatalog::numbersByCategory()
{
    TypeCatalog types(m_pool.get());
    QSignalSpy loaded(&types, &TypeCatalog::loaded);
    types.load();
    QVERIFY(loaded.wait(30'000));
    QVERIFY(types.isNumeric(23));
    QVERIFY(types.isNumeric(1700));
    QVERIFY(types.isNumeric(790)); // money
    QVERIFY(types.isNumeric(oidOf(u"type_test.positive"_s)));
    QVERIFY(types.isNumeric(oidOf(u"type_test.\"Money Amount\""_s)));
    QVERIFY(!types.isNumeric(oidOf(u"type_test.mood"_s)));
    QVERIFY(!types.isNumeric(oidOf(u"type_test.positive[]"_s)));
    QVERIFY(!types.isNumeric(25));
    QVERIFY(!types.isNumeric(oidOf(u"regclass"_s))); // its values are names
    QVERIFY(!types.isNumeric(oidOf(u"regtype"_s)));
    QVERIFY(!types.isNumeric(4'000'000'000u));
}

void TestTypeCatalog::namesBuiltinsBeforeLoadingAndNewTypesAfterReloading()
{
    const unsigned int mood = oidOf(u"type_test.mood"_s);
    QVERIFY(mood != 0);
    TypeCatalog unloaded(nullptr);
    QCOMPARE(unloaded.typeName(1184), u"timestamp with time zone"_s);
    QCOMPARE(unloaded.typeName(1043, 24), u"character varying(20)"_s);
    QCOMPARE(unloaded.typeName(mood), u"oid %1"_s.arg(mood));
    QVERIFY(unloaded.isNumeric(20));
    QVERIFY(!unloaded.isNumeric(mood));
    unloaded.load(); // without a pool there is nothing to read
    QVERIFY(!unloaded.isLoading());

    TypeCatalog types(m_pool.get());
    QSignalSpy loaded(&types, &TypeCatalog::loaded);
    types.load();
    QVERIFY(loaded.wait(30'000));
    auto created = test::run(*m_pool, u"CREATE TYPE type_test.later AS ENUM ('x')"_s);
    QVERIFY2(created.ok(), test::describe(created).constData());
    const unsigned int later = oidOf(u"type_test.later"_s);
    QCOMPARE(types.typeName(later), u"oid %1"_s.arg(later));
    // A second load started while the first runs supersedes it: one loaded() for both.
    types.load();
    types.load();
    QVERIFY(loaded.wait(30'000));
    QCOMPARE(types.typeName(later), u"type_test.later"_s);
    // Both statements have answered once the pool has its connections back.
    QTRY_COMPARE_WITH_TIMEOUT(m_pool->stats().active, 0, 30'000);
    QCOMPARE(loaded.count(), 2);
}

QTEST_GUILESS_MAIN(TestTypeCatalog)
#include "tst_type_catalog.moc"
