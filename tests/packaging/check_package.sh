#!/usr/bin/env bash
# Builds the .deb from this build folder with CPack (dependencies from dpkg-shlibdeps), checks it
# with lintian and its contents, then runs the packaged binary unpacked on its own:
# `mizzle --version` and `mizzle plan`, without a display.
#   check_package.sh BUILD_DIR WORK_DIR
set -euo pipefail
build=$1 work=$2
rm -rf "$work" && mkdir -p "$work"
cpack --config "$build/CPackConfig.cmake" -B "$work" >"$work/cpack.log" 2>&1 ||
  { cat "$work/cpack.log" >&2; exit 1; }
deb=$(ls "$work"/mizzle_*.deb)
dpkg-deb --field "$deb" Depends | grep -q 'libpq5' ||
  { echo "Depends lacks what dpkg-shlibdeps finds: $(dpkg-deb --field "$deb" Depends)" >&2; exit 1; }
dpkg-deb --field "$deb" Recommends | grep -q 'postgresql'
contents=$(dpkg-deb --contents "$deb")
for file in usr/bin/mizzle usr/share/applications/io.github.mizzle.Mizzle.desktop \
            usr/share/mime/packages/io.github.mizzle.Mizzle.xml \
            usr/share/metainfo/io.github.mizzle.Mizzle.metainfo.xml \
            usr/share/icons/hicolor/scalable/apps/io.github.mizzle.Mizzle.svg \
            usr/share/icons/hicolor/48x48/apps/io.github.mizzle.Mizzle.png \
            usr/share/icons/hicolor/256x256/apps/io.github.mizzle.Mizzle.png \
            usr/share/man/man1/mizzle.1.gz usr/share/doc/mizzle/copyright \
            usr/share/doc/mizzle/README.md; do
  grep -q " \./$file\$" <<<"$contents" || { echo "the package lacks /$file" >&2; exit 1; }
done
# Errors fail the test; warnings are printed in the log.
lintian --fail-on error "$deb" \
  >"$work/lintian.log" 2>&1 || { cat "$work/lintian.log" >&2; exit 1; }
dpkg-deb -x "$deb" "$work/root"
env -u DISPLAY -u WAYLAND_DISPLAY "$work/root/usr/bin/mizzle" --version | grep -qx "mizzle [0-9.]*"
plan='[{"Plan": {"Node Type": "Result", "Startup Cost": 0.0, "Total Cost": 0.01, "Plan Rows": 1, "Plan Width": 4, "Actual Startup Time": 0.001, "Actual Total Time": 0.002, "Actual Rows": 1, "Actual Loops": 1}, "Planning Time": 0.01, "Execution Time": 0.02}]'
env -u DISPLAY -u WAYLAND_DISPLAY "$work/root/usr/bin/mizzle" plan - <<<"$plan" | grep -q Result
echo "package: $(basename "$deb") built, checked and run"
