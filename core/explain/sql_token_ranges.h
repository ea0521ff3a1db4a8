#pragma once

#include "explain/plan_sql_links.h"
#include "sql/sql_token_scanner.h"

#include <QList>
#include <QString>
#include <vector>

namespace mizzle::explain {

// Turns the byte locations of libpg_query's parse tree (one point where a relation or an
// expression starts) into ranges of whole tokens of the text, with PostgreSQL's scanner. The text
// must outlive this.
class SqlTokenRanges
{
public:
    explicit SqlTokenRanges(const QString &sql);

    int utf16(int byte) const;
    // The relation's (possibly schema-qualified) name and, when it follows, its alias.
    SqlRange relation(int byte, const QString &alias) const;
    // From the first token of a condition to its last: past its last located token (maxByte),
    // up to the AND, clause keyword, comma or unbalanced parenthesis that ends it.
    SqlRange condition(int minByte, int maxByte) const;

private:
    qsizetype indexAt(int position) const;
    QString text(qsizetype i) const; // the token as the server reads it
    bool endsCondition(qsizetype i) const;

    const QString &m_sql;
    std::vector<int> m_utf16;
    QList<SqlToken> m_tokens;
};

} // namespace mizzle::explain
