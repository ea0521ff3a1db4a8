#include "connections/profile_form.h"

#include "profile/profile_parser.h"
#include "profile/profile_writer.h"

#include <QCheckBox>
#include <QColorDialog>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace mizzle {

namespace {

using Kind = PasswordSource::Kind;

void fillPasswordSources(QComboBox *box)
{
    box->addItem(ProfileForm::tr("libpq's default (~/.pgpass, PGPASSWORD)"), int(Kind::None));
    box->addItem(ProfileForm::tr("Ask when connecting"), int(Kind::Prompt));
    box->addItem(ProfileForm::tr("~/.pgpass"), int(Kind::PgPass));
    box->addItem(ProfileForm::tr("System keychain"), int(Kind::Keychain));
    box->addItem(ProfileForm::tr("Environment variable"), int(Kind::Environment));
}

PasswordSource passwordOf(const QComboBox *box, const QString &variable)
{
    return {Kind(box->currentData().toInt()),
            Kind(box->currentData().toInt()) == Kind::Environment ? variable.trimmed() : QString()};
}

QDoubleSpinBox *seconds(QWidget *parent)
{
    auto *box = new QDoubleSpinBox(parent);
    box->setRange(0, 2147483);
    box->setDecimals(1);
    box->setSuffix(ProfileForm::tr(" s"));
    box->setSpecialValueText(ProfileForm::tr("no limit"));
    return box;
}

QLineEdit *line(QWidget *parent, const QString &placeholder = {})
{
    auto *edit = new QLineEdit(parent);
    edit->setPlaceholderText(placeholder);
    return edit;
}

} // namespace

ProfileForm::ProfileForm(QWidget *parent)
    : QWidget(parent)
    , m_name(line(this, tr("as the connection list shows it")))
    , m_group(new QComboBox(this))
    , m_color(line(this, u"#rrggbb"_s))
    , m_address(new QComboBox(this))
    , m_addressPages(new QStackedWidget(this))
    , m_sslmode(new QComboBox(this))
    , m_sslrootcert(line(this, tr("root certificate file, for verify-ca and verify-full")))
    , m_sslcert(line(this, tr("client certificate file, for servers that ask for one")))
    , m_sslkey(line(this, tr("the client certificate's key file")))
    , m_applicationName(line(this, u"Mizzle"_s))
    , m_password(new QComboBox(this))
    , m_passwordVariable(line(this, u"PGPASSWORD_PROD"_s))
    , m_readOnly(new QCheckBox(tr("Read-only: every statement in a read-only transaction"), this))
    , m_readOnlyRole(new QCheckBox(tr("The server role itself may not write"), this))
    , m_statementTimeout(seconds(this))
    , m_problem(new QLabel(this))
{
    m_name->setObjectName(u"name"_s);
    m_group->setEditable(true);
    m_group->setObjectName(u"group"_s);
    auto *pick = new QToolButton(this);
    pick->setText(tr("Choose…"));
    connect(pick, &QToolButton::clicked, this, &ProfileForm::chooseColor);
    auto *color = new QHBoxLayout;
    color->addWidget(m_color, 1);
    color->addWidget(pick);
    m_address->addItems(
        {tr("Host, port, database and user"), tr("Connection URI"), tr("pg_service.conf service")});
    m_address->setObjectName(u"address"_s);
    for (const Address address : {Address::Host, Address::Url, Address::Service})
        m_addressPages->addWidget(addressPage(address));
    connect(m_address, &QComboBox::currentIndexChanged, m_addressPages,
            &QStackedWidget::setCurrentIndex);
    m_sslmode->addItem(tr("libpq's default (prefer)"), QString());
    for (const QString &mode :
         {u"disable"_s, u"allow"_s, u"prefer"_s, u"require"_s, u"verify-ca"_s, u"verify-full"_s})
        m_sslmode->addItem(mode, mode);
    fillPasswordSources(m_password);
    m_password->setObjectName(u"password"_s);
    connect(m_password, &QComboBox::currentIndexChanged, this,
            &ProfileForm::updatePasswordVariable);
    m_problem->setObjectName(u"problem"_s);
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(u"color: palette(highlight)"_s);

    auto *form = new QFormLayout;
    form->addRow(tr("Name:"), m_name);
    form->addRow(tr("Group:"), m_group);
    form->addRow(tr("Colour:"), color);
    form->addRow(tr("Server:"), m_address);
    form->addRow(QString(), m_addressPages);
    form->addRow(tr("SSL mode:"), m_sslmode);
    form->addRow(tr("Root certificate:"), m_sslrootcert);
    form->addRow(tr("Client certificate:"), m_sslcert);
    form->addRow(tr("Client key:"), m_sslkey);
    form->addRow(tr("Application name:"), m_applicationName);
    form->addRow(tr("Password:"), m_password);
    form->addRow(tr("Variable:"), m_passwordVariable);
    form->addRow(QString(), m_readOnly);
    form->addRow(QString(), m_readOnlyRole);
    form->addRow(tr("Statement timeout:"), m_statementTimeout);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(poolBox());
    layout->addWidget(bouncerBox());
    layout->addWidget(m_problem);
    layout->addStretch();
    for (QLineEdit *edit : findChildren<QLineEdit *>())
        connect(edit, &QLineEdit::textEdited, this, &ProfileForm::edited);
    setProfile({});
}

QWidget *ProfileForm::addressPage(Address address)
{
    auto *page = new QWidget(this);
    auto *form = new QFormLayout(page);
    form->setContentsMargins(0, 0, 0, 0);
    switch (address) {
    case Address::Host:
        m_host = line(page, tr("localhost or a socket folder"));
        m_host->setObjectName(u"host"_s);
        m_port = new QSpinBox(page);
        m_port->setRange(0, 65535);
        m_port->setSpecialValueText(tr("default (5432)"));
        m_dbname = line(page, tr("the user's name"));
        m_dbname->setObjectName(u"dbname"_s);
        m_user = line(page, tr("the login name"));
        form->addRow(tr("Host:"), m_host);
        form->addRow(tr("Port:"), m_port);
        form->addRow(tr("Database:"), m_dbname);
        form->addRow(tr("User:"), m_user);
        break;
    case Address::Url:
        m_url = line(page, u"postgresql://alice@db.example.com/app?sslmode=verify-full"_s);
        m_url->setObjectName(u"url"_s);
        form->addRow(tr("URI:"), m_url);
        break;
    case Address::Service:
        m_service = new QComboBox(page);
        m_service->setEditable(true);
        form->addRow(tr("Service:"), m_service);
        break;
    }
    return page;
}

QWidget *ProfileForm::poolBox()
{
    auto *box = new QGroupBox(tr("Pool"), this);
    m_poolMax = new QSpinBox(box);
    m_poolMax->setRange(1, 1000);
    m_idleTimeout = seconds(box);
    m_maxLifetime = seconds(box);
    m_connectionTimeout = seconds(box);
    m_acquireTimeout = seconds(box);
    auto *form = new QFormLayout(box);
    form->addRow(tr("Connections at most:"), m_poolMax);
    form->addRow(tr("Close idle after:"), m_idleTimeout);
    form->addRow(tr("Replace after:"), m_maxLifetime);
    form->addRow(tr("Connect timeout:"), m_connectionTimeout);
    form->addRow(tr("Wait for a connection:"), m_acquireTimeout);
    return box;
}

QWidget *ProfileForm::bouncerBox()
{
    m_bouncer = new QGroupBox(tr("PgBouncer admin console, for the Monitor"), this);
    m_bouncer->setCheckable(true);
    m_bouncerHost = line(m_bouncer, tr("the server's host"));
    m_bouncerPort = new QSpinBox(m_bouncer);
    m_bouncerPort->setRange(0, 65535);
    m_bouncerPort->setSpecialValueText(tr("default"));
    m_bouncerUser = line(m_bouncer, tr("a user in admin_users or stats_users"));
    m_bouncerPassword = new QComboBox(m_bouncer);
    fillPasswordSources(m_bouncerPassword);
    m_bouncerPassword->removeItem(m_bouncerPassword->findData(int(Kind::Environment)));
    auto *form = new QFormLayout(m_bouncer);
    form->addRow(tr("Host:"), m_bouncerHost);
    form->addRow(tr("Port:"), m_bouncerPort);
    form->addRow(tr("User:"), m_bouncerUser);
    form->addRow(tr("Password:"), m_bouncerPassword);
    return m_bouncer;
}

void ProfileForm::setGroups(const QStringList &groups)
{
    const QString current = m_group->currentText();
    m_group->clear();
    m_group->addItems(groups);
    m_group->setCurrentText(current);
}

void ProfileForm::setServices(const QStringList &services)
{
    const QString current = m_service->currentText();
    m_service->clear();
    m_service->addItems(services);
    m_service->setCurrentText(current);
}

void ProfileForm::setProfile(const ConnectionProfile &profile)
{
    m_filePath = profile.filePath;
    m_name->setText(profile.name);
    m_group->setCurrentText(profile.group);
    m_color->setText(profile.color);
    const Address address = !profile.url.isEmpty()       ? Address::Url
                            : !profile.service.isEmpty() ? Address::Service
                                                         : Address::Host;
    m_address->setCurrentIndex(int(address));
    m_host->setText(profile.host);
    m_port->setValue(profile.port);
    m_dbname->setText(profile.dbname);
    m_user->setText(profile.user);
    m_url->setText(profile.url);
    m_service->setCurrentText(profile.service);
    m_sslmode->setCurrentIndex(qMax(0, m_sslmode->findData(profile.sslmode)));
    m_sslrootcert->setText(profile.sslrootcert);
    m_sslcert->setText(profile.sslcert);
    m_sslkey->setText(profile.sslkey);
    m_applicationName->setText(profile.applicationName);
    m_password->setCurrentIndex(m_password->findData(int(profile.password.kind)));
    m_passwordVariable->setText(profile.password.variable);
    m_poolMax->setValue(profile.pool.max);
    m_idleTimeout->setValue(profile.pool.idleTimeoutMs / 1000.0);
    m_maxLifetime->setValue(profile.pool.maxLifetimeMs / 1000.0);
    m_connectionTimeout->setValue(profile.pool.connectionTimeoutMs / 1000.0);
    m_acquireTimeout->setValue(profile.pool.acquireTimeoutMs / 1000.0);
    m_readOnly->setChecked(profile.readOnly);
    m_readOnlyRole->setChecked(profile.readOnlyRole);
    m_statementTimeout->setValue(profile.statementTimeoutMs / 1000.0);
    m_bouncer->setChecked(profile.pgbouncer.has_value());
    const PgBouncerConsole console = profile.pgbouncer.value_or(PgBouncerConsole{});
    m_bouncerHost->setText(console.host);
    m_bouncerPort->setValue(console.port);
    m_bouncerUser->setText(console.user);
    m_bouncerPassword->setCurrentIndex(
        qMax(0, m_bouncerPassword->findData(int(console.password.kind))));
    updatePasswordVariable();
    m_problem->clear();
}

ConnectionProfile ProfileForm::profile() const
{
    ConnectionProfile profile;
    profile.filePath = m_filePath;
    profile.name = m_name->text().trimmed();
    profile.group = m_group->currentText().trimmed();
    profile.color = m_color->text().trimmed();
    switch (Address(m_address->currentIndex())) {
    case Address::Host:
        profile.host = m_host->text().trimmed();
        profile.port = m_port->value();
        profile.dbname = m_dbname->text().trimmed();
        profile.user = m_user->text().trimmed();
        break;
    case Address::Url:
        profile.url = m_url->text().trimmed();
        break;
    case Address::Service:
        profile.service = m_service->currentText().trimmed();
        break;
    }
    profile.sslmode = m_sslmode->currentData().toString();
    profile.sslrootcert = m_sslrootcert->text().trimmed();
    profile.sslcert = m_sslcert->text().trimmed();
    profile.sslkey = m_sslkey->text().trimmed();
    profile.applicationName = m_applicationName->text().trimmed();
    profile.password = passwordOf(m_password, m_passwordVariable->text());
    profile.pool.max = m_poolMax->value();
    profile.pool.idleTimeoutMs = int(m_idleTimeout->value() * 1000);
    profile.pool.maxLifetimeMs = int(m_maxLifetime->value() * 1000);
    profile.pool.connectionTimeoutMs = int(m_connectionTimeout->value() * 1000);
    profile.pool.acquireTimeoutMs = int(m_acquireTimeout->value() * 1000);
    profile.readOnly = m_readOnly->isChecked();
    profile.readOnlyRole = m_readOnlyRole->isChecked();
    profile.statementTimeoutMs = int(m_statementTimeout->value() * 1000);
    if (m_bouncer->isChecked()) {
        PgBouncerConsole console;
        console.host = m_bouncerHost->text().trimmed();
        console.port = m_bouncerPort->value();
        console.user = m_bouncerUser->text().trimmed();
        console.password = passwordOf(m_bouncerPassword, {});
        profile.pgbouncer = console;
    }
    return profile;
}

Result<ConnectionProfile> ProfileForm::checked()
{
    // The parser is the one judge: what the form would write must read back as a profile.
    const ConnectionProfile written = profile();
    const Result<ParsedProfile> read = parseProfile(profileToJson(written), written.filePath);
    if (!read) {
        // The message names the key and says what was found and what was expected.
        const Error &error = read.error();
        m_problem->setText(error.message +
                           (error.hint.isEmpty() ? QString() : u". "_s + error.hint));
        return error;
    }
    m_problem->clear();
    ConnectionProfile profile = read->profile;
    profile.filePath = written.filePath;
    return profile;
}

void ProfileForm::chooseColor()
{
    const QColor chosen = QColorDialog::getColor(QColor(m_color->text()), this, tr("Colour"));
    if (chosen.isValid()) {
        m_color->setText(chosen.name());
        emit edited();
    }
}

void ProfileForm::updatePasswordVariable()
{
    m_passwordVariable->setEnabled(Kind(m_password->currentData().toInt()) == Kind::Environment);
}

} // namespace mizzle
