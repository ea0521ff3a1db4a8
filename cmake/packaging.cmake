# What `cmake --install` puts where, and the .deb that CPack makes of it (scripts/package).
include(GNUInstallDirs)

set(MIZZLE_APP_ID io.github.mizzle.Mizzle)
set(packaging ${PROJECT_SOURCE_DIR}/packaging)
# Debian names the folder after the package, not the project (Mizzle).
set(doc_dir ${CMAKE_INSTALL_DATADIR}/doc/mizzle)

# The icon: the SVG, and PNGs rendered from it in the sizes menus and docks ask for.
find_program(RSVG_CONVERT rsvg-convert REQUIRED)
set(MIZZLE_ICON_SIZES 16 32 48 64 128 256)
set(icon_files)
foreach(size ${MIZZLE_ICON_SIZES})
    set(png ${CMAKE_BINARY_DIR}/icons/${size}x${size}/${MIZZLE_APP_ID}.png)
    add_custom_command(OUTPUT ${png}
        COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/icons/${size}x${size}
        COMMAND ${RSVG_CONVERT} -w ${size} -h ${size} ${packaging}/${MIZZLE_APP_ID}.svg -o ${png}
        DEPENDS ${packaging}/${MIZZLE_APP_ID}.svg VERBATIM)
    list(APPEND icon_files ${png})
    install(FILES ${png} DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps)
endforeach()
add_custom_target(mizzle_icons ALL DEPENDS ${icon_files})
install(FILES ${packaging}/${MIZZLE_APP_ID}.svg
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)

# The man page, compressed as Debian wants it.
set(man ${CMAKE_BINARY_DIR}/man/mizzle.1.gz)
add_custom_command(OUTPUT ${man}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/man
    COMMAND gzip -9n -c ${packaging}/mizzle.1 > ${man}
    DEPENDS ${packaging}/mizzle.1 VERBATIM)
add_custom_target(mizzle_man ALL DEPENDS ${man})
install(FILES ${man} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)

install(FILES ${packaging}/${MIZZLE_APP_ID}.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${packaging}/${MIZZLE_APP_ID}.xml DESTINATION ${CMAKE_INSTALL_DATADIR}/mime/packages)
install(FILES ${packaging}/${MIZZLE_APP_ID}.metainfo.xml DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
# Help → Documentation opens the README from here (../share/doc/mizzle beside the binary).
install(FILES ${PROJECT_SOURCE_DIR}/README.md ${packaging}/copyright
        DESTINATION ${doc_dir})
set(changelog ${CMAKE_BINARY_DIR}/changelog.gz)
add_custom_command(OUTPUT ${changelog}
    COMMAND gzip -9n -c ${packaging}/changelog > ${changelog}
    DEPENDS ${packaging}/changelog VERBATIM)
add_custom_target(mizzle_changelog ALL DEPENDS ${changelog})
install(FILES ${changelog} DESTINATION ${doc_dir} RENAME changelog.gz)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME mizzle)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "Mizzle developers <mizzle@example.org>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "native desktop studio for PostgreSQL")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "Mizzle browses tables of any size, edits rows in one transaction, runs SQL,\ndraws EXPLAIN ANALYZE plans, watches connection pools and PgBouncer, and\nexports SQL scripts that psql restores exactly.")
set(CPACK_DEBIAN_PACKAGE_SECTION database)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE https://mizzle.example.org/)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
# Libraries from what the binary links (dpkg-shlibdeps); psql for Verify; a local server for the
# playground, which Mizzle runs without when there is none.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "postgresql-client, libqt6sql6-sqlite")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "postgresql, postgresql-17-hypopg, gnome-keyring")
set(CPACK_STRIP_FILES ON)
include(CPack)
