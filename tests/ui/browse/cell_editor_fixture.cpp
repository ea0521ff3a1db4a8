#include "cell_editor_fixture.h"

#include "test_database.h"

#include <QSignalSpy>

namespace mizzle::test {

using namespace Qt::StringLiterals;

void CellEditorFixture::setUpFixture(const QString &schema)
{
    m_pool = std::make_unique<ConnectionPool>(testParameters(), PoolSettings{});
    // mood's labels were added out of order: enumsortorder, not the oids, sets the order.
    QString script = uR"(
        DROP SCHEMA IF EXISTS cell_editors CASCADE;
        CREATE SCHEMA cell_editors;
        SET LOCAL search_path = cell_editors; -- the script's own transaction, not the pool's
        CREATE TYPE mood AS ENUM ('sad', 'ok');
        ALTER TYPE mood ADD VALUE 'happy' BEFORE 'ok';
        CREATE DOMAIN firm_mood AS mood CHECK (VALUE <> 'sad');
        CREATE TYPE "Odd ""Mood""" AS ENUM ('x y', 'z');
        CREATE TABLE authors (id integer PRIMARY KEY, name text NOT NULL, born date);
        INSERT INTO authors VALUES (1, 'Ursula', NULL), (2, 'Terry', NULL), (12, 'Iain', NULL),
            (3, '100% Pratchett_fan', NULL), (4, 'Ursus', NULL);
        CREATE TABLE regions (country text, code integer, label text,
            PRIMARY KEY (country, code));
        INSERT INTO regions VALUES ('de', 1, 'Berlin'), ('de', 2, 'Bayern'), ('fr', 1, 'Paris');
        CREATE TABLE things (
            id integer PRIMARY KEY,
            title text,
            amount numeric,
            done boolean NOT NULL DEFAULT false,
            maybe boolean,
            feeling mood,
            firm firm_mood NOT NULL DEFAULT 'ok',
            odd "Odd ""Mood""",
            author_id integer REFERENCES authors,
            country text,
            code integer,
            due date,
            doc jsonb,
            tags integer[],
            blob bytea,
            title_upper text GENERATED ALWAYS AS (upper(title)) STORED,
            FOREIGN KEY (country, code) REFERENCES regions);)"_s;
    const auto created = runScript(*m_pool, script.replace(u"cell_editors"_s, schema));
    if (!created)
        qFatal("%s", describe(created).constData());

    m_catalog = std::make_unique<Catalog>(m_pool.get());
    auto table = await<TableDetails>(
        [&](auto done) { m_catalog->loadTable(schema, u"things"_s, this, done); });
    if (!table)
        qFatal("%s", describe(table).constData());
    m_table = table.value();

    m_enums = std::make_unique<EnumLabelCache>(m_catalog.get());
    QSignalSpy loaded(m_enums.get(), &EnumLabelCache::loaded);
    m_enums->load(m_table);
    if (loaded.count() == 0 && !loaded.wait(30'000))
        qFatal("the enum labels were not read");
    m_delegate = std::make_unique<CellEditorDelegate>(m_table, m_pool.get(), m_enums->provider());
    m_parent = std::make_unique<QWidget>();
    m_parent->resize(800, 400);
    m_parent->show();
}

int CellEditorFixture::column(const QString &name) const
{
    for (int i = 0; i < m_table.columns.size(); ++i) {
        if (m_table.columns.at(i).name == name)
            return i;
    }
    qFatal("no column %s", qPrintable(name));
}

std::unique_ptr<QStandardItemModel>
CellEditorFixture::rowModel(const QHash<QString, CellValue> &values, bool newRow,
                            bool withCellValues) const
{
    auto model = std::make_unique<QStandardItemModel>(1, int(m_table.columns.size()));
    for (int i = 0; i < m_table.columns.size(); ++i) {
        auto *item = new QStandardItem;
        item->setData(i, CellEditorDelegate::ColumnRole);
        item->setData(newRow, CellEditorDelegate::NewRowRole);
        const auto found = values.constFind(m_table.columns.at(i).name);
        if (found != values.cend()) {
            if (found->kind == CellValue::Kind::Text)
                item->setData(found->text, Qt::EditRole);
            if (withCellValues)
                item->setData(QVariant::fromValue(*found), CellEditorDelegate::CellValueRole);
        }
        model->setItem(0, i, item);
    }
    return model;
}

std::unique_ptr<CellEditor> CellEditorFixture::editorFor(const QModelIndex &index) const
{
    QWidget *editor = m_delegate->createEditor(m_parent.get(), QStyleOptionViewItem(), index);
    auto *cell = qobject_cast<CellEditor *>(editor);
    if (editor && !cell)
        qFatal("not a cell editor: %s", editor->metaObject()->className());
    if (cell) {
        m_delegate->setEditorData(cell, index);
        cell->show();
    }
    return std::unique_ptr<CellEditor>(cell);
}

CellValue CellEditorFixture::roundTrip(const QString &columnName, const CellValue &value,
                                       bool withCellValues) const
{
    auto model = rowModel({{columnName, value}}, false, withCellValues);
    const QModelIndex index = model->index(0, column(columnName));
    const auto editor = editorFor(index);
    if (!editor)
        return CellValue::of(u"<no editor>"_s);
    model->setData(index, QVariant(), CellEditorDelegate::CellValueRole);
    m_delegate->setModelData(editor.get(), model.get(), index);
    const QVariant written = index.data(CellEditorDelegate::CellValueRole);
    if (written.metaType() != QMetaType::fromType<CellValue>())
        return CellValue::of(u"<not a CellValue>"_s);
    return written.value<CellValue>();
}

} // namespace mizzle::test
