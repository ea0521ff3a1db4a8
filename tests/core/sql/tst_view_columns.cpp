// Which base column each column of a view shows unchanged: what a view is edited through.
#include "sql/view_columns.h"

#include <QTest>

using namespace mizzle;
using namespace Qt::StringLiterals;

class TestViewColumns : public QObject
{
    Q_OBJECT
private slots:
    void sources_data();
    void sources();
};

void TestViewColumns::sources_data()
{
    QTest::addColumn<QString>("definition");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("bare") << u" SELECT id, name FROM people WHERE age > 3;"_s
                          << QStringList{u"id"_s, u"name"_s};
    QTest::newRow("renamed") << u" SELECT name AS id, id AS key FROM s.people;"_s
                             << QStringList{u"name"_s, u"id"_s};
    QTest::newRow("qualified") << u" SELECT people.id, (people.age + 1) AS next FROM people;"_s
                               << QStringList{u"id"_s, QString()};
    QTest::newRow("aliased") << u" SELECT p.id, people.id AS other FROM people p;"_s
                             << QStringList{u"id"_s, QString()};
    QTest::newRow("quoted") << u" SELECT \"Odd \"\"id\"\"\" FROM \"My table\";"_s
                            << QStringList{u"Odd \"id\""_s};
    QTest::newRow("cast") << u" SELECT (id)::text AS id FROM people;"_s << QStringList{QString()};
    QTest::newRow("join") << u" SELECT a.id FROM a JOIN b USING (id);"_s << QStringList{};
    QTest::newRow("two relations") << u" SELECT a.id FROM a, b;"_s << QStringList{};
    QTest::newRow("union") << u" SELECT id FROM a UNION SELECT id FROM b;"_s << QStringList{};
    QTest::newRow("with") << u" WITH x AS (SELECT 1 AS id) SELECT id FROM x;"_s << QStringList{};
    QTest::newRow("not sql") << u"not a view"_s << QStringList{};
}

void TestViewColumns::sources()
{
    QFETCH(QString, definition);
    QFETCH(QStringList, expected);
    QCOMPARE(viewColumnSources(definition), expected);
}

QTEST_GUILESS_MAIN(TestViewColumns)
#include "tst_view_columns.moc"
