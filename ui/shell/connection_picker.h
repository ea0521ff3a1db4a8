#pragma once

#include <QWidget>

class QComboBox;

namespace mizzle {

class ProfileStore;

// The toolbar's connection chooser: the playground, the profiles in the profile folder and
// the recently opened profile files, then "Open profile file…" and "Connect to URI…", which ask
// for the file or the URI themselves.
class ConnectionPicker : public QWidget
{
    Q_OBJECT
public:
    explicit ConnectionPicker(ProfileStore *store, QWidget *parent = nullptr);

    // Re-reads the profile folder and the recent list.
    void reload();
    // Shows which connection is current without emitting anything.
    void setCurrentLabel(const QString &label);
    QComboBox *comboBox() const { return m_combo; }

signals:
    void playgroundChosen();
    void profileChosen(const QString &filePath);
    void uriChosen(const QString &uri);

private:
    void onActivated(int index);
    void chooseProfileFile();
    void askForUri();

    ProfileStore *m_store;
    QComboBox *m_combo;
};

} // namespace mizzle
