#include "common/password_dialog.h"

#include <QCheckBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

namespace mizzle {

std::optional<PasswordAnswer> askForPassword(QWidget *parent, const QString &profile,
                                             const QString &problem, bool offerRemember)
{
    QDialog dialog(parent);
    dialog.setWindowTitle(QDialog::tr("Password"));
    auto *why = new QLabel(problem, &dialog);
    why->setWordWrap(true);
    why->setVisible(!problem.isEmpty());
    auto *password = new QLineEdit(&dialog);
    password->setEchoMode(QLineEdit::Password);
    auto *remember = new QCheckBox(QDialog::tr("Remember in keychain"), &dialog);
    remember->setChecked(true);
    remember->setVisible(offerRemember);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    QObject::connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    auto *form = new QFormLayout;
    form->addRow(QDialog::tr("Password for %1:").arg(profile), password);
    auto *layout = new QVBoxLayout(&dialog);
    layout->addWidget(why);
    layout->addLayout(form);
    layout->addWidget(remember);
    layout->addWidget(buttons);
    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    return PasswordAnswer{password->text(), offerRemember && remember->isChecked()};
}

} // namespace mizzle
