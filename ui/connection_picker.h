#pragma once

#include <QWidget>

class QComboBox;

namespace mizzle {

class ProfileStore;

// The toolbar's connection chooser: the playground, the profiles in the profile folder and
// the recently opened profile files, then "Open profile file…" and "Connect to URI…".
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
    void openProfileRequested();
    void uriRequested();

private:
    void onActivated(int index);

    ProfileStore *m_store;
    QComboBox *m_combo;
};

} // namespace mizzle
