#!/usr/bin/env bash
# docs.sh generate — render docs/ from the provider schema, templates/ and examples/
# docs.sh check    — render into a temporary folder and fail when docs/ differs
# tfplugindocs is pinned in go.mod; it uses the terraform on PATH (never downloads one).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v terraform >/dev/null || { echo "error: terraform is not on PATH (tfplugindocs needs it)" >&2; exit 1; }
export CHECKPOINT_DISABLE=1

gen() {
  go tool tfplugindocs generate --provider-name logto --rendered-provider-name Logto \
    --rendered-website-dir "$1" >/dev/null
}

case "${1:-}" in
  generate)
    gen docs
    echo "docs/ regenerated"
    ;;
  check)
    # tfplugindocs takes the output folder relative to the repository.
    tmp=.docs-check
    rm -rf "$tmp"
    trap 'rm -rf "$tmp"' EXIT
    gen "$tmp"
    if ! diff -ru docs "$tmp"; then
      echo "error: docs/ is stale; run 'make docs' and commit the result" >&2
      exit 1
    fi
    echo "docs/ is up to date"
    ;;
  *)
    echo "usage: $0 generate|check" >&2
    exit 2
    ;;
esac
