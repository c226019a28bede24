#!/bin/sh
# Run by ctest after every run (CTEST_CUSTOM_POST_TEST, written by
# tests/CMakeLists.txt): ctest says only "Skipped", so print each skipped
# test's reason, the lines its output starts with "SKIP: ".
#   tests/print_skip_reasons.sh BUILD/Testing/Temporary/LastTest.log
log="$1"
[ -f "$log" ] || exit 0
reasons=$(grep -h '^SKIP: ' "$log" | sort -u)
if [ -n "$reasons" ]; then
  echo "Skip reasons:"
  echo "$reasons" | sed 's/^/  /'
fi
exit 0
