#pragma once

#include "base/result.h"
#include "connection/connection_parameters.h"

#include <QObject>
#include <QString>
#include <functional>

namespace mizzle {

// What "Test connection" reports: the server's version, how long connecting and one round trip
// took, and whether the connection is encrypted.
struct ProbeReport
{
    QString serverVersion;
    double connectMs = 0;
    double roundTripMs = 0;
    QString ssl; // "TLSv1.3, TLS_AES_256_GCM_SHA384", or empty when not encrypted
};

// A hint for the failures people meet most when connecting, from libpq's message: a wrong
// password, no pg_hba.conf entry, nothing listening, a certificate that does not verify, a host
// name that does not resolve. Empty for any other message.
QString commonConnectionHint(const QString &libpqMessage);

// Opens a connection of its own with these parameters, asks the server its version and TLS
// state, and closes it. The error, on failure, is libpq's message word for word, with
// commonConnectionHint's hint where it has one. Calls back from the event loop, and not at all
// once context is gone.
void probeConnection(QObject *context, const ConnectionParameters &parameters,
                     std::function<void(Result<ProbeReport>)> done);

} // namespace mizzle
