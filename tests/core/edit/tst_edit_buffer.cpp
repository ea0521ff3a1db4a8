// The edit buffer without a server: what a pending change is, what takes it back, and how a
// row changed by someone else is taken up again (rebase) when the user keeps their changes.
#include "edit/edit_buffer.h"

#include <QSignalSpy>
#include <QTest>

using namespace mizzle;
using namespace Qt::StringLiterals;

namespace {

TableDetails itemsTable()
{
    TableDetails table;
    table.schema = u"public"_s;
    table.name = u"items"_s;
    table.primaryKey = {u"id"_s};
    for (const QString &name : {u"id"_s, u"name"_s, u"note"_s}) {
        ColumnInfo column;
        column.name = name;
        column.type = u"text"_s;
        table.columns.append(column);
    }
    return table;
}

RowIdentity row(const QString &key, const QString &version)
{
    RowIdentity identity;
    identity.key = {key};
    identity.version = version;
    return identity;
}

const QString kKey = RowIdentity{{u"1"_s}, {}, {}, {}}.mapKey();
const QList<std::optional<QString>> kRead{u"1"_s, u"one"_s, std::nullopt};

} // namespace

class TestEditBuffer : public QObject
{
    Q_OBJECT
private slots:
    void aValueEqualToTheOriginalIsNoChange();
    void nullEmptyAndDefaultStayApart();
    void deletesAndNewRowsCount();
    void revertTakesBackAWholeRow();
    void rebaseMovesChangesOntoTheVersionReadAgain();
    void rebaseRefusesAnotherRow();
};

void TestEditBuffer::aValueEqualToTheOriginalIsNoChange()
{
    EditBuffer buffer(itemsTable());
    QSignalSpy changed(&buffer, &EditBuffer::changed);
    buffer.setCell(row(u"1"_s, u"100"_s), kRead, 1, CellValue::of(u"uno"_s));
    QCOMPARE(buffer.changeCount(), 1);
    const auto replaced = buffer.setCell(row(u"1"_s, u"100"_s), kRead, 1, CellValue::of(u"one"_s));
    QCOMPARE(replaced, CellValue::of(u"uno"_s));
    QVERIFY(!buffer.hasChanges());
    QCOMPARE(changed.size(), 2);
}

void TestEditBuffer::nullEmptyAndDefaultStayApart()
{
    EditBuffer buffer(itemsTable());
    buffer.setCell(row(u"1"_s, u"100"_s), kRead, 2, CellValue::null()); // NULL already
    QVERIFY(!buffer.hasChanges());
    buffer.setCell(row(u"1"_s, u"100"_s), kRead, 2, CellValue::of(QString()));
    QCOMPARE(buffer.cell(kKey, 2), CellValue::of(QString()));
    const quint64 id = buffer.addRow({{1, CellValue::byDefault()}});
    QCOMPARE(buffer.newRow(id)->cells.value(1), CellValue::byDefault());
    QVERIFY(CellValue::of(QString()) != CellValue::null());
    QVERIFY(CellValue::null() != CellValue::byDefault());
}

void TestEditBuffer::deletesAndNewRowsCount()
{
    EditBuffer buffer(itemsTable());
    QVERIFY(!buffer.setDeleted(row(u"1"_s, u"100"_s), kRead, true));
    QVERIFY(buffer.isDeleted(kKey));
    const quint64 first = buffer.addRow();
    const quint64 second = buffer.addRow({{1, CellValue::of(u"two"_s)}});
    QVERIFY(second > first);
    QCOMPARE(buffer.changeCount(), 3);
    QVERIFY(buffer.removeRow(first).has_value());
    QVERIFY(!buffer.removeRow(first).has_value());
    QCOMPARE(buffer.changeCount(), 2);
}

void TestEditBuffer::revertTakesBackAWholeRow()
{
    EditBuffer buffer(itemsTable());
    buffer.setCell(row(u"1"_s, u"100"_s), kRead, 1, CellValue::of(u"uno"_s));
    buffer.setCell(row(u"1"_s, u"100"_s), kRead, 2, CellValue::of(u"first"_s));
    const quint64 id = buffer.addRow();
    buffer.revertRow(kKey);
    buffer.revertRow(EditBuffer::newRowKey(id));
    QVERIFY(!buffer.hasChanges());
}

void TestEditBuffer::rebaseMovesChangesOntoTheVersionReadAgain()
{
    EditBuffer buffer(itemsTable());
    buffer.setCell(row(u"1"_s, u"100"_s), kRead, 1, CellValue::of(u"uno"_s));
    buffer.setCell(row(u"1"_s, u"100"_s), kRead, 2, CellValue::of(u"agreed"_s));
    // Someone else set the note to what this user typed too, and the name to something else.
    const QList<std::optional<QString>> theirs{u"1"_s, u"eins"_s, u"agreed"_s};
    QSignalSpy changed(&buffer, &EditBuffer::changed);
    QVERIFY(buffer.rebase(kKey, row(u"1"_s, u"200"_s), theirs));
    QCOMPARE(changed.size(), 1);
    const EditBuffer::RowEdit *edit = buffer.edit(kKey);
    QVERIFY(edit);
    QCOMPARE(edit->identity.version, u"200"_s);
    QCOMPARE(edit->original, theirs);
    QCOMPARE(edit->cells.keys(), QList<int>{1}); // the note is no change any more
    QCOMPARE(edit->cells.value(1), CellValue::of(u"uno"_s));
}

void TestEditBuffer::rebaseRefusesAnotherRow()
{
    EditBuffer buffer(itemsTable());
    buffer.setCell(row(u"1"_s, u"100"_s), kRead, 1, CellValue::of(u"uno"_s));
    QVERIFY(!buffer.rebase(kKey, row(u"2"_s, u"200"_s), kRead));
    QVERIFY(!buffer.rebase(row(u"9"_s, {}).mapKey(), row(u"9"_s, u"200"_s), kRead));
    QCOMPARE(buffer.edit(kKey)->identity.version, u"100"_s);
}

QTEST_GUILESS_MAIN(TestEditBuffer)
#include "tst_edit_buffer.moc"
