#include "plan_samples.h"

#include "explain/plan_parser.h"

#include <QFile>

namespace mizzle::test {

explain::Plan parsedPlan(const QByteArray &text)
{
    Result<explain::Plan> parsed = explain::parsePlan(text);
    if (!parsed)
        qFatal("%s", qPrintable(parsed.error().toString()));
    return std::move(parsed).value();
}

explain::Plan planFile(const QString &name)
{
    QFile file(QStringLiteral(MIZZLE_TEST_DATA_DIR "/plans/") + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s: %s", qPrintable(file.fileName()), qPrintable(file.errorString()));
    return parsedPlan(file.readAll());
}

} // namespace mizzle::test
