#pragma once

#include <QWidget>

namespace mizzle {

class SqlEditor;

// The left margin of a SqlEditor with the line numbers, in the colours of the editor's theme.
class LineNumberArea : public QWidget
{
    Q_OBJECT
public:
    explicit LineNumberArea(SqlEditor *editor);

    // Wide enough for the editor's highest line number.
    int preferredWidth() const;
    QSize sizeHint() const override;
    // Repaints or scrolls along with the editor's viewport, as its updateRequest() reports.
    void follow(const QRect &rect, int dy);

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    SqlEditor *m_editor;
};

} // namespace mizzle
