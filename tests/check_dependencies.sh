#!/usr/bin/env bash
# Reads the #include lines of core/ and ui/ and fails when a dependency points the wrong way:
#  - core never includes ui, and a core folder includes only its own folder and folders of a
#    lower level (the table below);
#  - a ui feature folder includes only itself, the shared ui folders and core; only shell/,
#    the window, may include feature folders;
#  - project headers are included by their folder ("connection/pg_connection.h"), never flat.
#   check_dependencies.sh SOURCE_DIR
set -uo pipefail
cd "${1:?usage: check_dependencies.sh SOURCE_DIR}"

# Lower levels first. A folder may include folders of a strictly lower level.
declare -A core_level=(
  [base]=0
  [connection]=1
  [profile]=2 [sql]=2 [values]=2
  [catalog]=3 [query]=3 [playground]=3
  [completion]=4 [browse]=4 [document]=4 [explain]=4 [export]=4 [monitor]=4
  [edit]=5
  [session]=6
)
# ui folders every feature may use; shell may use everything.
declare -A ui_shared=([common]=1 [grid]=1 [sqltext]=1)

failures=0
fail() { echo "$1"; failures=$((failures + 1)); }

check_file() {
  local tree=$1 file=$2 folder=${2#*/}
  folder=${folder%%/*}
  local line target top
  while IFS= read -r line; do
    target=$(sed -E 's/^[[:space:]]*#[[:space:]]*include[[:space:]]+"([^"]+)".*/\1/' <<<"$line")
    top=${target%%/*}
    if [ -e "core/$target" ]; then
      if [ "$tree" = ui ]; then continue; fi
      [ "$top" = "$folder" ] && continue
      local from=${core_level[$folder]:-} to=${core_level[$top]:-}
      if [ -z "$from" ] || [ -z "$to" ]; then
        fail "$file: core/$folder or core/$top has no level in tests/check_dependencies.sh"
      elif [ "$to" -ge "$from" ]; then
        fail "$file includes $target: core/$folder (level $from) may not depend on core/$top (level $to)"
      fi
    elif [ -e "ui/$target" ]; then
      if [ "$tree" = core ]; then
        fail "$file includes $target: core never depends on ui"
        continue
      fi
      [ "$top" = "$folder" ] || [ "$folder" = shell ] || [ -n "${ui_shared[$top]:-}" ] && continue
      if [ -n "${ui_shared[$folder]:-}" ]; then
        fail "$file includes $target: the shared ui/$folder may not depend on the feature ui/$top"
      else
        fail "$file includes $target: ui/$folder may not depend on ui/$top (only ui/shell/ joins features)"
      fi
    elif [ -e "$(dirname "$file")/$target" ]; then
      fail "$file includes \"$target\" without its folder"
    fi
  done < <(grep -E '^[[:space:]]*#[[:space:]]*include[[:space:]]+"' "$file")
}

for tree in core ui; do
  while IFS= read -r file; do
    [ "$(dirname "$file")" = "$tree" ] && { fail "$file sits flat in $tree/: put it in a feature folder"; continue; }
    check_file "$tree" "$file"
  done < <(find "$tree" -name '*.h' -o -name '*.cpp' | sort)
done

if [ "$failures" -gt 0 ]; then
  echo "$failures dependency problem(s); see the rules at the top of tests/check_dependencies.sh"
  exit 1
fi
echo "dependencies point one way"
