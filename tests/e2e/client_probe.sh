# Sourced by the third-party client tests (tests/e2e/*_test.sh): finding the
# clients offline, and skipping honestly.
#
# skip_or_fail TEST REASON: prints "SKIP: TEST: REASON" and exits 77, which
#   ctest counts as a skip (SKIP_RETURN_CODE 77; the reason is printed again
#   after ctest's summary, see tests/CMakeLists.txt). When
#   CLAIMCHECK_REQUIRE_CLIENTS=1 (set by .ci/run) a missing client is a
#   failure instead: CI must run every client test.
# find_buf REPO: prints the path of a working `buf` and returns 0, or
#   returns 1. Looks only at local files (never asks a registry): $BUF, the
#   project-local client/node/node_modules (.ci/install-deps), the global npm
#   folder, then PATH.

skip_or_fail() {
  local test="$1" reason="$2"
  if [[ "${CLAIMCHECK_REQUIRE_CLIENTS:-0}" == 1 ]]; then
    echo "FAIL: ${test}: ${reason} (CLAIMCHECK_REQUIRE_CLIENTS=1: this machine must run it; run .ci/install-deps)" >&2
    exit 1
  fi
  echo "SKIP: ${test}: ${reason}"
  exit 77
}

find_buf() {
  local repo="$1" candidate
  local candidates=("${BUF:-}" "${repo}/client/node/node_modules/.bin/buf")
  # The global npm folder without running npm (which can be slow to start):
  # Debian's and NodeSource's default prefix, then PATH.
  candidates+=(/usr/lib/node_modules/@bufbuild/buf/bin/buf
    /usr/local/lib/node_modules/@bufbuild/buf/bin/buf
    "$(command -v buf 2>/dev/null || true)")
  for candidate in "${candidates[@]}"; do
    if [[ -n "${candidate}" && -x "${candidate}" ]] &&
      "${candidate}" --version >/dev/null 2>&1; then
      echo "${candidate}"
      return 0
    fi
  done
  return 1
}

# wait_for_port LOG PID: prints the port claimcheckd reports in LOG
# ("serving on port N,"), waiting up to 30 s; returns 1 if it never does.
wait_for_port() {
  local log="$1" pid="$2" port=""
  for _ in $(seq 1 300); do
    port="$(sed -n 's/.*serving on port \([0-9][0-9]*\),.*/\1/p' "${log}" | head -n 1)"
    if [[ -n "${port}" ]]; then
      echo "${port}"
      return 0
    fi
    kill -0 "${pid}" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}
