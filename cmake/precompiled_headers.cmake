# Precompiled headers: most of CI's time is the compiler re-reading Qt's headers for every file.
# Each list holds only headers that almost every file of that layer includes anyway, so a change
# to the lists never changes what a file may use (a file still includes what it needs itself).
set(MIZZLE_PCH_CORE
    <algorithm> <functional> <memory> <optional> <utility> <vector>
    <QByteArray> <QDateTime> <QHash> <QList> <QObject> <QPointer> <QString> <QStringList>
    <QVariant>)
set(MIZZLE_PCH_WIDGETS ${MIZZLE_PCH_CORE}
    <QAbstractItemModel> <QAction> <QDialog> <QLabel> <QLayout> <QMenu> <QPainter>
    <QTableView> <QWidget>)
set(MIZZLE_PCH_TEST <QSignalSpy> <QTest>)

# Tests are many small executables: compiling one header set per test would cost more than it
# saves, so each kind (core, ui) compiles it once in a tiny library and the tests reuse it.
# The library links what the tests link, so its flags and definitions match theirs.
function(mizzle_test_pch_target name)
    cmake_parse_arguments(arg "" "" "LIBRARIES;HEADERS" ${ARGN})
    file(CONFIGURE OUTPUT ${CMAKE_CURRENT_BINARY_DIR}/${name}.cpp CONTENT "// precompiled headers only\n")
    add_library(${name} STATIC ${CMAKE_CURRENT_BINARY_DIR}/${name}.cpp)
    target_link_libraries(${name} PRIVATE ${arg_LIBRARIES})
    target_compile_definitions(${name} PRIVATE
        MIZZLE_TEST_DATA_DIR="${PROJECT_SOURCE_DIR}/tests/data")
    mizzle_precompile_headers(${name} ${arg_HEADERS} ${MIZZLE_PCH_TEST})
endfunction()

function(mizzle_precompile_headers target)
    if(MIZZLE_PCH)
        target_precompile_headers(${target} PRIVATE ${ARGN})
    endif()
endfunction()

function(mizzle_reuse_precompiled_headers target from)
    if(MIZZLE_PCH)
        target_precompile_headers(${target} REUSE_FROM ${from})
    endif()
endfunction()
