#pragma once

#include "base/result.h"
#include "profile/connection_profile.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QStackedWidget;

namespace mizzle {

// Every field of a connection profile, as a form: name, group and colour; the server by host,
// by URI or by a pg_service.conf service (the services found are offered); TLS and
// application_name; where the password comes from (never the password itself); the pool;
// read-only and the statement timeout; and PgBouncer's admin console for the Monitor.
//
// The form checks itself with the profile parser (the file it would write, read back), so it
// says exactly what a hand-written file would be told: the key, and what was expected.
class ProfileForm : public QWidget
{
    Q_OBJECT
public:
    enum class Address { Host, Url, Service };

    explicit ProfileForm(QWidget *parent = nullptr);

    void setProfile(const ConnectionProfile &profile);
    // What the fields say, unchecked; filePath is the profile's as last set.
    ConnectionProfile profile() const;
    // The profile as the parser reads back the file it would be, or the parser's error (its
    // `where` names the key). The message also shows under the form.
    Result<ConnectionProfile> checked();
    void setGroups(const QStringList &groups);
    void setServices(const QStringList &services);

signals:
    void edited();

private:
    QWidget *addressPage(Address address);
    QWidget *poolBox();
    QWidget *bouncerBox();
    void chooseColor();
    void updatePasswordVariable();

    QString m_filePath;
    QLineEdit *m_name;
    QComboBox *m_group;
    QLineEdit *m_color;
    QComboBox *m_address;
    QStackedWidget *m_addressPages;
    QLineEdit *m_host;
    QSpinBox *m_port;
    QLineEdit *m_dbname;
    QLineEdit *m_user;
    QLineEdit *m_url;
    QComboBox *m_service;
    QComboBox *m_sslmode;
    QLineEdit *m_sslrootcert;
    QLineEdit *m_sslcert;
    QLineEdit *m_sslkey;
    QLineEdit *m_applicationName;
    QComboBox *m_password;
    QLineEdit *m_passwordVariable;
    QSpinBox *m_poolMax;
    QDoubleSpinBox *m_idleTimeout;
    QDoubleSpinBox *m_maxLifetime;
    QDoubleSpinBox *m_connectionTimeout;
    QDoubleSpinBox *m_acquireTimeout;
    QCheckBox *m_readOnly;
    QCheckBox *m_readOnlyRole;
    QDoubleSpinBox *m_statementTimeout;
    QGroupBox *m_bouncer;
    QLineEdit *m_bouncerHost;
    QSpinBox *m_bouncerPort;
    QLineEdit *m_bouncerUser;
    QComboBox *m_bouncerPassword;
    QLabel *m_problem;
};

} // namespace mizzle
