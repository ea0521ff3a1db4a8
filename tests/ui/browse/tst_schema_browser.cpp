#include "browse/schema_browser.h"

#include <QAbstractItemModelTester>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTest>
#include <QTreeView>

using namespace mizzle;
using namespace Qt::StringLiterals;

class TestSchemaBrowser : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void listsRelationsThenSequencesAndTypes();
    void onlyRelationsOpen();
    void filterShowsWhatMatchesAndTheWayToIt();
    void selectFindsRelationsOnly();
    void sizesFillInLater();
    void contextMenuExportsSchemasAndRelations();

private:
    static CatalogSnapshot snapshot();
    // The names under a row of the tree as shown (through the filter); the top level for an
    // invalid parent.
    QStringList shown(const QModelIndex &parent = {}) const;
    QModelIndex shownChild(const QModelIndex &parent, const QString &text) const;

    std::unique_ptr<SchemaBrowser> m_browser;
};

CatalogSnapshot TestSchemaBrowser::snapshot()
{
    CatalogSnapshot snapshot;
    snapshot.schemas = {u"app"_s, u"empty"_s};
    const auto relation = [](unsigned int oid, const QString &name, RelationInfo::Kind kind,
                             unsigned int parent = 0) {
        RelationInfo info;
        info.oid = oid;
        info.parentOid = parent;
        info.schema = u"app"_s;
        info.name = name;
        info.kind = kind;
        info.estimatedRows = 10;
        info.totalBytes = 8192;
        return info;
    };
    snapshot.relations = {relation(1, u"accounts"_s, RelationInfo::Kind::Table),
                          relation(2, u"emails"_s, RelationInfo::Kind::View),
                          relation(3, u"events"_s, RelationInfo::Kind::PartitionedTable),
                          relation(4, u"events_2024"_s, RelationInfo::Kind::Table, 3)};
    snapshot.sequences = {{5, u"app"_s, u"accounts_id_seq"_s, u"bigint"_s, u"accounts.id"_s},
                          {6, u"app"_s, u"tickets"_s, u"integer"_s, {}}};
    snapshot.types = {
        {7, u"app"_s, u"amount"_s, TypeInfo::Kind::Domain, u"numeric(12,2)"_s},
        {8, u"app"_s, u"mood"_s, TypeInfo::Kind::Enum, u"'sad', 'ok'"_s},
        {9, u"app"_s, u"pair"_s, TypeInfo::Kind::Composite, u"x integer, y text"_s},
    };
    return snapshot;
}

void TestSchemaBrowser::init()
{
    m_browser = std::make_unique<SchemaBrowser>();
    new QAbstractItemModelTester(m_browser->view()->model(),
                                 QAbstractItemModelTester::FailureReportingMode::QtTest,
                                 m_browser.get());
    m_browser->resize(400, 600);
    m_browser->show();
    m_browser->setSnapshot(snapshot());
}

void TestSchemaBrowser::cleanup()
{
    m_browser.reset();
}

QStringList TestSchemaBrowser::shown(const QModelIndex &parent) const
{
    const QAbstractItemModel *model = m_browser->view()->model();
    QStringList names;
    for (int row = 0; row < model->rowCount(parent); ++row)
        names.append(model->index(row, 0, parent).data().toString());
    return names;
}

QModelIndex TestSchemaBrowser::shownChild(const QModelIndex &parent, const QString &text) const
{
    const QAbstractItemModel *model = m_browser->view()->model();
    for (int row = 0; row < model->rowCount(parent); ++row) {
        const QModelIndex index = model->index(row, 0, parent);
        if (index.data().toString() == text)
            return index;
    }
    return {};
}

void TestSchemaBrowser::listsRelationsThenSequencesAndTypes()
{
    QCOMPARE(shown(), (QStringList{u"app"_s, u"empty"_s}));
    const QModelIndex app = shownChild({}, u"app"_s);
    QCOMPARE(shown(app), (QStringList{u"accounts"_s, u"emails (view)"_s, u"events (partitioned)"_s,
                                      u"Sequences"_s, u"Types"_s}));
    QCOMPARE(shown(shownChild(app, u"events (partitioned)"_s)), QStringList{u"events_2024"_s});
    // A schema without sequences or types has no empty groups.
    QCOMPARE(shown(shownChild({}, u"empty"_s)), QStringList());

    const QModelIndex sequences = shownChild(app, u"Sequences"_s);
    const QModelIndex types = shownChild(app, u"Types"_s);
    QVERIFY(m_browser->view()->isExpanded(app));
    QVERIFY(m_browser->view()->isExpanded(sequences));
    QVERIFY(m_browser->view()->isExpanded(types));
    QCOMPARE(shown(sequences), (QStringList{u"accounts_id_seq"_s, u"tickets"_s}));
    QCOMPARE(shownChild(sequences, u"accounts_id_seq"_s).data(Qt::ToolTipRole).toString(),
             u"app.accounts_id_seq: bigint, owned by accounts.id"_s);
    QCOMPARE(shown(types),
             (QStringList{u"amount (domain)"_s, u"mood (enum)"_s, u"pair (composite)"_s}));
    QCOMPARE(shownChild(types, u"amount (domain)"_s).data(Qt::ToolTipRole).toString(),
             u"app.amount: domain over numeric(12,2)"_s);
    QCOMPARE(shownChild(types, u"mood (enum)"_s).data(SchemaBrowser::ObjectRole).toInt(),
             int(SchemaBrowser::Object::Type));

    // A new snapshot replaces the tree.
    CatalogSnapshot fewer = snapshot();
    fewer.types.clear();
    m_browser->setSnapshot(fewer);
    QCOMPARE(shown(shownChild({}, u"app"_s)).last(), u"Sequences"_s);
}

void TestSchemaBrowser::onlyRelationsOpen()
{
    QSignalSpy activated(m_browser.get(), &SchemaBrowser::relationActivated);
    QTreeView *view = m_browser->view();
    const QModelIndex app = shownChild({}, u"app"_s);
    const QModelIndex sequences = shownChild(app, u"Sequences"_s);
    const QModelIndex types = shownChild(app, u"Types"_s);
    emit view->activated(shownChild(sequences, u"tickets"_s));
    emit view->activated(shownChild(types, u"mood (enum)"_s));
    emit view->activated(sequences);
    emit view->activated(app);
    QCOMPARE(activated.count(), 0);

    // Any column of a relation's row opens it; a partition too.
    emit view->activated(shownChild(app, u"emails (view)"_s).siblingAtColumn(2));
    emit view->activated(shownChild(shownChild(app, u"events (partitioned)"_s), u"events_2024"_s));
    QCOMPARE(activated.count(), 2);
    QCOMPARE(activated.at(0), (QList<QVariant>{u"app"_s, u"emails"_s}));
    QCOMPARE(activated.at(1), (QList<QVariant>{u"app"_s, u"events_2024"_s}));
}

void TestSchemaBrowser::filterShowsWhatMatchesAndTheWayToIt()
{
    QLineEdit *filter = m_browser->filterEdit();
    QTest::keyClicks(filter, u"MOO"_s); // case does not matter
    QCOMPARE(shown(), QStringList{u"app"_s});
    const QModelIndex app = shownChild({}, u"app"_s);
    QCOMPARE(shown(app), QStringList{u"Types"_s});
    const QModelIndex types = shownChild(app, u"Types"_s);
    QCOMPARE(shown(types), QStringList{u"mood (enum)"_s});
    QVERIFY(m_browser->view()->isExpanded(types));

    // A partition shows under its partitioned table, opened for it.
    filter->setText(u"2024"_s);
    const QModelIndex events = shownChild(shownChild({}, u"app"_s), u"events (partitioned)"_s);
    QVERIFY(events.isValid());
    QCOMPARE(shown(events), QStringList{u"events_2024"_s});
    QVERIFY(m_browser->view()->isExpanded(events));

    // Kinds are part of the name shown, so they can be filtered for.
    filter->setText(u"(view"_s);
    QCOMPARE(shown(shownChild({}, u"app"_s)), QStringList{u"emails (view)"_s});

    // Schemas and groups match only through what they hold.
    filter->setText(u"Sequences"_s);
    QCOMPARE(shown(), QStringList());
    filter->setText(u"empty"_s);
    QCOMPARE(shown(), QStringList());

    filter->clear();
    QCOMPARE(shown(), (QStringList{u"app"_s, u"empty"_s}));
    const QModelIndex back = shownChild({}, u"app"_s);
    QCOMPARE(shown(back).size(), 5);
    QVERIFY(m_browser->view()->isExpanded(shownChild(back, u"Types"_s)));
    QVERIFY(m_browser->view()->isExpanded(shownChild(back, u"Sequences"_s)));
}

void TestSchemaBrowser::selectFindsRelationsOnly()
{
    QVERIFY(m_browser->select(u"app"_s, u"events_2024"_s));
    QCOMPARE(m_browser->view()->currentIndex().data().toString(), u"events_2024"_s);
    QVERIFY(!m_browser->select(u"app"_s, u"tickets"_s)); // a sequence
    QVERIFY(!m_browser->select(u"app"_s, u"mood"_s));    // a type
    QVERIFY(!m_browser->select(u"empty"_s, u"accounts"_s));
}

void TestSchemaBrowser::sizesFillInLater()
{
    const QAbstractItemModel *model = m_browser->view()->model();
    const auto sizeOf = [&](const QString &name) {
        return shownChild(shownChild({}, u"app"_s), name).siblingAtColumn(2).data().toString();
    };
    QCOMPARE(sizeOf(u"accounts"_s), QLocale().formattedDataSize(8192));

    CatalogSnapshot later = snapshot();
    later.hasSizes = false;
    for (RelationInfo &relation : later.relations)
        relation.totalBytes = 0;
    m_browser->setSnapshot(later);
    QCOMPARE(sizeOf(u"accounts"_s), QString()); // unknown yet, not "0 bytes"
    QSignalSpy changed(model, &QAbstractItemModel::dataChanged);
    m_browser->setSizes({{1, 3 * 1024 * 1024}, {3, 16384}, {99, 1}});
    QCOMPARE(sizeOf(u"accounts"_s), QLocale().formattedDataSize(3 * 1024 * 1024));
    QCOMPARE(sizeOf(u"events (partitioned)"_s), QLocale().formattedDataSize(16384));
    QCOMPARE(sizeOf(u"emails (view)"_s), QString()); // not in the sizes given
    QVERIFY(changed.count() >= 2);
}

void TestSchemaBrowser::contextMenuExportsSchemasAndRelations()
{
    QSignalSpy exports(m_browser.get(), &SchemaBrowser::exportRequested);
    QSignalSpy scripts(m_browser.get(), &SchemaBrowser::createScriptRequested);
    QCOMPARE(m_browser->schemaNames(), (QStringList{u"app"_s, u"empty"_s}));
    const QModelIndex app = shownChild({}, u"app"_s);
    const auto actionTexts = [](QMenu *menu) {
        QStringList texts;
        for (const QAction *action : menu->actions())
            texts.append(action->text());
        return texts;
    };
    const std::unique_ptr<QMenu> schemaMenu(m_browser->contextMenu(app));
    QVERIFY(schemaMenu);
    QCOMPARE(actionTexts(schemaMenu.get()), QStringList{u"Export…"_s});
    schemaMenu->actions().at(0)->trigger();
    QCOMPARE(exports.takeFirst(), (QVariantList{u"app"_s, QString()}));

    const QModelIndex accounts = shownChild(app, u"accounts"_s);
    const std::unique_ptr<QMenu> relationMenu(m_browser->contextMenu(accounts));
    QVERIFY(relationMenu);
    QCOMPARE(actionTexts(relationMenu.get()), (QStringList{u"Export…"_s, u"Show CREATE Script"_s}));
    relationMenu->actions().at(1)->trigger();
    QCOMPARE(scripts.takeFirst(), (QVariantList{u"app"_s, u"accounts"_s}));
    relationMenu->actions().at(0)->trigger();
    QCOMPARE(exports.takeFirst(), (QVariantList{u"app"_s, u"accounts"_s}));

    // Sequences and types, and their groups, offer neither.
    QVERIFY(!m_browser->contextMenu(shownChild(app, u"Sequences"_s)));
}

QTEST_MAIN(TestSchemaBrowser)
#include "tst_schema_browser.moc"
