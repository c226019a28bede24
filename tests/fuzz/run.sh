#!/usr/bin/env bash
# Builds the extractor fuzz target with clang + libFuzzer + ASan/UBSan and
# runs it for a while (default 60 s). Only the pure extract library and
# Abseil are linked. Seeds: the test articles.
#   tests/fuzz/run.sh [seconds] [build-dir]
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
secs=${1:-60}
out=${2:-$here/build/fuzz}
mkdir -p "$out/corpus"
srcs=$(ls "$here"/server/extract/*.cc "$here"/server/text/*.cc | grep -v -e '_test\.cc$' -e '_main\.cc$')
clang++ -std=c++17 -g -O1 -fsanitize=fuzzer,address,undefined \
  -fno-sanitize-recover=undefined -I"$here" \
  "$here/tests/fuzz/extract_fuzzer.cc" $srcs \
  -labsl_strings -labsl_strings_internal -labsl_str_format_internal \
  -labsl_status -labsl_statusor -labsl_raw_hash_set -labsl_hash -labsl_city \
  -labsl_low_level_hash -labsl_int128 -labsl_throw_delegate -labsl_raw_logging_internal \
  -labsl_bad_optional_access -labsl_bad_variant_access -labsl_cord \
  -labsl_cord_internal -labsl_cordz_info -labsl_cordz_functions \
  -labsl_cordz_handle -labsl_exponential_biased -labsl_synchronization \
  -labsl_graphcycles_internal -labsl_stacktrace -labsl_symbolize \
  -labsl_debugging_internal -labsl_demangle_internal -labsl_malloc_internal \
  -labsl_time -labsl_time_zone -labsl_base -labsl_spinlock_wait \
  -labsl_strerror \
  -o "$out/extract_fuzzer"
cp "$here"/tests/testdata/*.txt "$out/corpus/" 2>/dev/null || true
# Inputs that once crashed: replayed on every run.
cp "$here"/tests/fuzz/regressions/* "$out/corpus/" 2>/dev/null || true
"$out/extract_fuzzer" -max_total_time="$secs" -max_len=65536 -timeout=10 \
  -rss_limit_mb=2048 "$out/corpus"
