#!/usr/bin/env bash
# The package's metadata as the desktop's tools read it: the desktop entry, the AppStream
# metainfo, the man page, and the MIME type, which must claim a profile and no other JSON file.
#   check_metadata.sh SOURCE_DIR WORK_DIR
set -euo pipefail
source_dir=$1 work=$2
packaging=$source_dir/packaging
desktop-file-validate "$packaging/io.github.mizzle.Mizzle.desktop"
if grep -q 'application/json' "$packaging/io.github.mizzle.Mizzle.desktop"; then
  echo "the desktop entry claims every JSON file" >&2; exit 1
fi
appstreamcli validate --no-net "$packaging/io.github.mizzle.Mizzle.metainfo.xml"
warnings=$(LC_ALL=C.UTF-8 groff -man -ww -z "$packaging/mizzle.1" 2>&1)
[ -z "$warnings" ] || { echo "$warnings" >&2; exit 1; }
for form in 'mizzle plan' 'mizzle monitor' 'mizzle export'; do
  grep -q "^\.B $form" "$packaging/mizzle.1" || { echo "the man page lacks $form" >&2; exit 1; }
done
# The MIME type, through shared-mime-info's own database built in a folder of the test's.
rm -rf "$work" && mkdir -p "$work/mime/packages"
cp "$packaging/io.github.mizzle.Mizzle.xml" "$work/mime/packages/"
update-mime-database "$work/mime"
grep -q 'application/x-mizzle-profile' "$work/mime/magic"
[ -f "$work/mime/application/x-mizzle-profile.xml" ]
echo "packaging metadata: valid"
