#include "completion/completion_catalog.h"
#include "completion/sql_completion.h"
#include "sql/sql_token_scanner.h"

#include <QTest>

using namespace mizzle;
using namespace Qt::StringLiterals;

namespace {

// The text with its cursor written as "|".
Completions completeAt(const CompletionCatalog &catalog, QString text)
{
    const auto cursor = static_cast<int>(text.indexOf(u'|'));
    text.remove(cursor, 1);
    return complete(catalog, text, cursor);
}

QStringList texts(const Completions &completions, std::optional<CompletionItem::Kind> kind = {})
{
    QStringList found;
    for (const CompletionItem &item : completions.items) {
        if (!kind || item.kind == *kind)
            found.append(item.text);
    }
    return found;
}

} // namespace

class TestSqlCompletion : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void keywordsAtTheStartFollowTheTypedCase();
    void relationsAfterFromJoinIntoUpdate();
    void relationsAfterACommaInTheFromList();
    void tablesOfASchemaAfterItsName();
    void columnsAfterAnAliasOrATableName();
    void columnsOfASchemaQualifiedTable();
    void expressionsOfferTheStatementsColumnsFirst();
    void exactMatchesRankFirst();
    void functionsOnTheSearchPath();
    void quotedIdentifiers();
    void unterminatedQuotedIdentifierIsThePrefix();
    void caseInsensitive();
    void keywordsOnlyAfterAName();
    void nothingInsideStringsCommentsAndNumbers();
    void onlyTheStatementUnderTheCursorCounts();
    void wordUnderTheCursorIsReplacedWhole();
    void resultsAreCapped();
    void quotingFollowsQuoteIdent();
    void everyCursorPositionGivesAConsistentRange();

private:
    CompletionCatalog m_catalog{nullptr};
};

void TestSqlCompletion::initTestCase()
{
    m_catalog.setContents(
        {u"public"_s, u"app"_s, u"My App"_s, u"pg_catalog"_s},
        {
            {u"public"_s, u"users"_s, {u"id"_s, u"name"_s, u"email"_s}, {u"integer"_s}},
            {u"public"_s, u"posts"_s, {u"id"_s, u"user_id"_s, u"title"_s}},
            {u"public"_s, u"measures"_s, {u"ident"_s, u"Id2"_s, u"id"_s}},
            {u"app"_s, u"orders"_s, {u"order_id"_s, u"total"_s}},
            {u"app"_s, u"users"_s, {u"app_user_id"_s}},
            {u"My App"_s, u"Order Lines"_s, {u"Unit Price"_s, u"select"_s, u"qty"_s}},
            {u"pg_catalog"_s, u"pg_class"_s, {u"oid"_s, u"relname"_s}},
        },
        {{u"pg_catalog"_s, u"lower"_s},
         {u"pg_catalog"_s, u"length"_s},
         {u"public"_s, u"user_score"_s},
         {u"app"_s, u"order_total"_s}});
}

void TestSqlCompletion::keywordsAtTheStartFollowTheTypedCase()
{
    QCOMPARE(texts(completeAt(m_catalog, u"SEL|"_s)).value(0), u"SELECT"_s);
    QCOMPARE(texts(completeAt(m_catalog, u"sel|"_s)).value(0), u"select"_s);
    const Completions empty = completeAt(m_catalog, u"|"_s);
    QCOMPARE(empty.items.value(0).text, u"SELECT"_s);
    QCOMPARE(texts(empty, CompletionItem::Keyword).size(), empty.items.size());
}

void TestSqlCompletion::relationsAfterFromJoinIntoUpdate()
{
    for (const QString &text : {u"SELECT * FROM |"_s, u"SELECT * FROM users u JOIN |"_s,
                                u"INSERT INTO |"_s, u"UPDATE |"_s}) {
        const Completions found = completeAt(m_catalog, text);
        QVERIFY2(texts(found, CompletionItem::Table).contains(u"posts"_s), qPrintable(text));
        QVERIFY2(texts(found, CompletionItem::Schema).contains(u"app"_s), qPrintable(text));
        QVERIFY2(texts(found, CompletionItem::Column).isEmpty(), qPrintable(text));
    }
    // The search path's tables by name, the user's before pg_catalog's; the others qualified.
    const QStringList tables =
        texts(completeAt(m_catalog, u"SELECT * FROM |"_s), CompletionItem::Table);
    QCOMPARE(tables,
             (QStringList{u"measures"_s, u"posts"_s, u"users"_s, u"pg_class"_s,
                          u"\"My App\".\"Order Lines\""_s, u"app.orders"_s, u"app.users"_s}));
}

void TestSqlCompletion::relationsAfterACommaInTheFromList()
{
    QVERIFY(texts(completeAt(m_catalog, u"SELECT * FROM users u, p|"_s)).contains(u"posts"_s));
    // A comma in the select list is an expression: columns, not tables.
    const Completions select = completeAt(m_catalog, u"SELECT id, | FROM users"_s);
    QVERIFY(texts(select, CompletionItem::Column).contains(u"email"_s));
    QVERIFY(!texts(select).contains(u"posts"_s));
}

void TestSqlCompletion::tablesOfASchemaAfterItsName()
{
    QCOMPARE(texts(completeAt(m_catalog, u"SELECT * FROM app.|"_s)),
             (QStringList{u"orders"_s, u"users"_s}));
    QCOMPARE(texts(completeAt(m_catalog, u"SELECT * FROM app.or|"_s)), QStringList{u"orders"_s});
    // Outside FROM, a schema's functions follow its tables.
    QCOMPARE(texts(completeAt(m_catalog, u"SELECT app.|"_s)),
             (QStringList{u"orders"_s, u"users"_s, u"order_total"_s}));
}

void TestSqlCompletion::columnsAfterAnAliasOrATableName()
{
    QCOMPARE(texts(completeAt(m_catalog, u"SELECT * FROM public.users u JOIN posts AS p ON p.|"_s)),
             (QStringList{u"id"_s, u"user_id"_s, u"title"_s}));
    QCOMPARE(texts(completeAt(m_catalog, u"SELECT u.| FROM users u"_s)),
             (QStringList{u"id"_s, u"name"_s, u"email"_s}));
    QCOMPARE(texts(completeAt(m_catalog, u"SELECT users.na| FROM users"_s)),
             QStringList{u"name"_s});
    QCOMPARE(texts(completeAt(m_catalog, u"SELECT posts.|"_s)),
             (QStringList{u"id"_s, u"user_id"_s, u"title"_s}));
    // The alias names app.users, not public.users.
    QCOMPARE(texts(completeAt(m_catalog, u"SELECT x.| FROM app.users x"_s)),
             QStringList{u"app_user_id"_s});
    const Completions typed = completeAt(m_catalog, u"SELECT u.| FROM users u"_s);
    QCOMPARE(typed.items.value(0).kind, CompletionItem::Column);
    QCOMPARE(typed.items.value(0).detail, u"integer · users"_s);
}

void TestSqlCompletion::columnsOfASchemaQualifiedTable()
{
    QCOMPARE(texts(completeAt(m_catalog, u"SELECT app.orders.| FROM app.orders"_s)),
             (QStringList{u"order_id"_s, u"total"_s}));
    QCOMPARE(texts(completeAt(m_catalog, u"SELECT o.t| FROM app.orders o"_s)),
             QStringList{u"total"_s});
}

void TestSqlCompletion::expressionsOfferTheStatementsColumnsFirst()
{
    const Completions found =
        completeAt(m_catalog, u"SELECT | FROM users u JOIN posts p ON p.user_id = u.id"_s);
    QCOMPARE(texts(found).mid(0, 5),
             (QStringList{u"id"_s, u"name"_s, u"email"_s, u"user_id"_s, u"title"_s}));
    QCOMPARE(found.items.at(0).detail, u"integer · users, posts"_s);
    QCOMPARE(texts(found, CompletionItem::Table), (QStringList{u"u"_s, u"p"_s}));
    QVERIFY(texts(found, CompletionItem::Function).contains(u"lower"_s));
    QVERIFY(texts(found, CompletionItem::Keyword).contains(u"CASE"_s));

    QCOMPARE(texts(completeAt(m_catalog, u"SELECT * FROM users WHERE na|"_s)).value(0), u"name"_s);
    QCOMPARE(texts(completeAt(m_catalog, u"SELECT * FROM users WHERE id = 1 AND e|"_s)).value(0),
             u"email"_s);
    QCOMPARE(texts(completeAt(m_catalog, u"SELECT * FROM posts ORDER BY t|"_s)).value(0),
             u"title"_s);
    QCOMPARE(texts(completeAt(m_catalog, u"SELECT * FROM users WHERE id >= |"_s)).value(0),
             u"id"_s);
    QCOMPARE(texts(completeAt(m_catalog, u"SELECT * FROM users WHERE lower(n|"_s)).value(0),
             u"name"_s);
    QCOMPARE(texts(completeAt(m_catalog, u"UPDATE users SET e|"_s)).value(0), u"email"_s);
    QCOMPARE(texts(completeAt(m_catalog, u"INSERT INTO posts (id, t|"_s)).value(0), u"title"_s);
}

void TestSqlCompletion::exactMatchesRankFirst()
{
    // Equal to the prefix, then starting with it as typed, then starting with it in any case.
    QCOMPARE(texts(completeAt(m_catalog, u"SELECT id| FROM measures"_s), CompletionItem::Column),
             (QStringList{u"id"_s, u"ident"_s, u"\"Id2\""_s}));
}

void TestSqlCompletion::functionsOnTheSearchPath()
{
    const QStringList functions =
        texts(completeAt(m_catalog, u"SELECT |"_s), CompletionItem::Function);
    QCOMPARE(functions, (QStringList{u"length"_s, u"lower"_s, u"user_score"_s}));
    QCOMPARE(texts(completeAt(m_catalog, u"SELECT lo|"_s)).value(0), u"lower"_s);
    const Completions found = completeAt(m_catalog, u"SELECT lo|"_s);
    QCOMPARE(found.items.value(0).detail, u"pg_catalog"_s);
}

void TestSqlCompletion::quotedIdentifiers()
{
    QCOMPARE(texts(completeAt(m_catalog, u"SELECT * FROM \"My App\".|"_s)),
             QStringList{u"\"Order Lines\""_s});
    QCOMPARE(texts(completeAt(m_catalog, u"SELECT ol.| FROM \"My App\".\"Order Lines\" ol"_s)),
             (QStringList{u"\"Unit Price\""_s, u"\"select\""_s, u"qty"_s}));
    QCOMPARE(
        texts(completeAt(m_catalog, u"SELECT \"x\".| FROM \"My App\".\"Order Lines\" \"x\""_s)),
        (QStringList{u"\"Unit Price\""_s, u"\"select\""_s, u"qty"_s}));
    // A complete quoted word under the cursor is the prefix, unquoted.
    const Completions found =
        completeAt(m_catalog, u"SELECT ol.\"Un|\" FROM \"My App\".\"Order Lines\" ol"_s);
    QCOMPARE(texts(found), QStringList{u"\"Unit Price\""_s});
    QCOMPARE(found.replaceStart, 10);
    QCOMPARE(found.replaceEnd, 14);
}

void TestSqlCompletion::unterminatedQuotedIdentifierIsThePrefix()
{
    const Completions found = completeAt(m_catalog, u"SELECT * FROM \"My App\".\"Ord|"_s);
    QCOMPARE(texts(found), QStringList{u"\"Order Lines\""_s});
    QCOMPARE(found.replaceStart, 23);
    QCOMPARE(found.replaceEnd, 27);
    QCOMPARE(texts(completeAt(m_catalog, u"SELECT * FROM \"My|"_s), CompletionItem::Schema),
             QStringList{u"\"My App\""_s});
}

void TestSqlCompletion::caseInsensitive()
{
    QCOMPARE(texts(completeAt(m_catalog, u"SELECT * FROM USERS U WHERE U.NA|"_s)),
             QStringList{u"name"_s});
    QCOMPARE(texts(completeAt(m_catalog, u"select * from APP.OR|"_s)), QStringList{u"orders"_s});
    QVERIFY(texts(completeAt(m_catalog, u"SELECT * FROM PO|"_s)).contains(u"posts"_s));
    QCOMPARE(texts(completeAt(m_catalog, u"SELECT * FROM Pu|"_s), CompletionItem::Schema),
             QStringList{u"public"_s});
}

void TestSqlCompletion::keywordsOnlyAfterAName()
{
    const Completions found = completeAt(m_catalog, u"SELECT * FROM users |"_s);
    QVERIFY(!found.items.isEmpty());
    QCOMPARE(texts(found, CompletionItem::Keyword).size(), found.items.size());
    QCOMPARE(texts(completeAt(m_catalog, u"SELECT * FROM users wh|"_s)).value(0), u"where"_s);
}

void TestSqlCompletion::nothingInsideStringsCommentsAndNumbers()
{
    for (const QString &text : {u"SELECT 'u.|"_s, u"SELECT 'u.|' FROM users u"_s,
                                u"SELECT 1 -- u.|"_s, u"SELECT /* u.| */ 1"_s, u"SELECT /* u.|"_s,
                                u"SELECT $$ u.|"_s, u"SELECT 12|34"_s, u"SELECT E'\\q u.|"_s}) {
        QVERIFY2(completeAt(m_catalog, text).items.isEmpty(), qPrintable(text));
    }
    // After a closed comment or string, completion resumes.
    QVERIFY(!completeAt(m_catalog, u"SELECT /* x */ |"_s).items.isEmpty());
    QVERIFY(!completeAt(m_catalog, u"SELECT 'x', | FROM users; SELECT 'open"_s).items.isEmpty());
}

void TestSqlCompletion::onlyTheStatementUnderTheCursorCounts()
{
    QCOMPARE(texts(completeAt(m_catalog, u"SELECT 1;\nSELECT u.| FROM users u;\nSELECT 2"_s)),
             (QStringList{u"id"_s, u"name"_s, u"email"_s}));
    QVERIFY(completeAt(m_catalog, u"SELECT * FROM users u; SELECT u.|"_s).items.isEmpty());
    QCOMPARE(texts(completeAt(m_catalog, u"SELECT * FROM users;\nSEL|"_s)).value(0), u"SELECT"_s);
}

void TestSqlCompletion::wordUnderTheCursorIsReplacedWhole()
{
    const Completions found = completeAt(m_catalog, u"SELECT * FROM po|sts"_s);
    QCOMPARE(found.replaceStart, 14);
    QCOMPARE(found.replaceEnd, 19);
    QCOMPARE(texts(found).value(0), u"posts"_s); // the prefix is what precedes the cursor
    const Completions dot = completeAt(m_catalog, u"SELECT u.| FROM users u"_s);
    QCOMPARE(dot.replaceStart, 9);
    QCOMPARE(dot.replaceEnd, 9);
}

void TestSqlCompletion::resultsAreCapped()
{
    QList<CompletionTable> tables;
    for (int i = 0; i < 1000; ++i)
        tables.append({u"public"_s, u"t%1"_s.arg(i, 4, 10, QChar(u'0')), {u"c"_s}});
    CompletionCatalog large(nullptr);
    large.setContents({u"public"_s}, tables, {});
    const Completions found = completeAt(large, u"SELECT * FROM |"_s);
    QCOMPARE(found.items.size(), maxCompletionItems);
    QCOMPARE(texts(completeAt(large, u"SELECT * FROM t012|"_s), CompletionItem::Table).size(), 10);
}

void TestSqlCompletion::quotingFollowsQuoteIdent()
{
    QCOMPARE(quoteIdentifierIfNeeded(u"users"_s), u"users"_s);
    QCOMPARE(quoteIdentifierIfNeeded(u"_x1$"_s), u"\"_x1$\""_s);
    QCOMPARE(quoteIdentifierIfNeeded(u"name"_s), u"name"_s); // an unreserved keyword
    QCOMPARE(quoteIdentifierIfNeeded(u"select"_s), u"\"select\""_s);
    QCOMPARE(quoteIdentifierIfNeeded(u"left"_s), u"\"left\""_s);
    QCOMPARE(quoteIdentifierIfNeeded(u"Users"_s), u"\"Users\""_s);
    QCOMPARE(quoteIdentifierIfNeeded(u"1st"_s), u"\"1st\""_s);
    QCOMPARE(quoteIdentifierIfNeeded(u"a\"b"_s), u"\"a\"\"b\""_s);
    QCOMPARE(quoteIdentifierIfNeeded(u"été"_s), u"\"été\""_s);
    QCOMPARE(foldIdentifier(u"\"My \"\"App\"\"\""), u"My \"App\""_s);
    QCOMPARE(foldIdentifier(u"UsErS"), u"users"_s);
}

void TestSqlCompletion::everyCursorPositionGivesAConsistentRange()
{
    // Quotes, comments, dollar quotes, non-ASCII text (a surrogate pair too) and an
    // unterminated quote at the end: the range to replace always holds the cursor.
    const QString script =
        u"SELECT u.\"Full Name\", 'it''s', $t$ a;b $t$ /* c /* d */ */ FROM \"My App\".\"Ord"
        u"er Lines\" ol -- é\nJOIN users u ON u.id = ol.qty WHERE x >= 'ü😀' AND \"😀x\" = 1;\n"
        u"UPDATE users SET name = E'\\q' WHERE id IN (SELECT p.id FROM posts p, \"unter"_s;
    for (int cursor = 0; cursor <= script.size(); ++cursor) {
        const Completions found = complete(m_catalog, script, cursor);
        QVERIFY2(found.replaceStart >= 0 && found.replaceStart <= cursor &&
                     cursor <= found.replaceEnd && found.replaceEnd <= script.size(),
                 qPrintable(u"cursor %1"_s.arg(cursor)));
        QVERIFY(found.items.size() <= maxCompletionItems);
    }
}

QTEST_GUILESS_MAIN(TestSqlCompletion)
#include "tst_sql_completion.moc"
