#pragma once

#include "edit/change_statement.h"

#include <QDialog>

class QPlainTextEdit;

namespace mizzle {

// Review SQL: exactly the statements Save will send, in order, each with its bound values, and
// Copy as script, which gives the same changes as a psql-runnable file with the values inlined.
class ReviewSqlDialog : public QDialog
{
    Q_OBJECT
public:
    ReviewSqlDialog(const QList<ChangeStatement> &statements, const QString &script,
                    QWidget *parent = nullptr);

    QString shownText() const;
    const QString &script() const { return m_script; }

    // The statements as the dialog shows them: each SQL, then its parameters one a line.
    static QString describe(const QList<ChangeStatement> &statements);

private:
    void saveScript();

    QPlainTextEdit *m_text;
    QString m_script;
};

} // namespace mizzle
