#pragma once

#include <QStringList>

namespace mizzle {

// Whether the command line asks for `mizzle export`; checked before any QApplication exists.
bool isExportCommand(int argc, char *argv[]);

// `mizzle export [PROFILE_FILE | URI] [--schema S]... [--table S.T]... [--schema-only |
// --data-only] [--data-format copy|insert] [--verify] [-o FILE | -]`: writes an SQL script that
// psql restores as it is (ScriptExport), and with --verify proves it by restoring it into a
// scratch database (ExportVerifier). Exits 0 on success, 1 when the verification finds a
// difference, and 2 on a bad command line, a failed connection or a failed export. Needs a
// QCoreApplication; `arguments` are the program's, the program name and "export" first.
int runExportCommand(const QStringList &arguments);

} // namespace mizzle
