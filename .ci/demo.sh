#!/usr/bin/env bash
# make demo: build the provider, serve it to terraform from a local filesystem
# mirror (so `terraform init` works with no network), start the Logto emulator
# on loopback (unless LOGTO_ENDPOINT names a real Logto) and a mock identity
# provider (internal/cmd/mock-idp: OIDC discovery documents only) as the SSO
# connector's issuer, apply examples/quickstart, print the outputs, prove the
# next plan is empty, destroy, and stop both.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
version=${VERSION:-0.1.0}
demo=$root/.demo
platform=$(go env GOOS)_$(go env GOARCH)

# TERRAFORM names the CLI: terraform by default, or OpenTofu (`make demo-tofu`).
tf=${TERRAFORM:-terraform}
command -v "$tf" >/dev/null || { echo "error: $tf is not on PATH" >&2; exit 1; }
rm -rf "$demo" && mkdir -p "$demo/bin" "$demo/work"

echo "==> building the provider ($version) and the emulator"
mirror_dir=$demo/mirror/registry.terraform.io/faccc625/logto/$version/$platform
mkdir -p "$mirror_dir"
go build -trimpath -ldflags "-X main.version=$version" -o "$mirror_dir/terraform-provider-logto_v$version" .
# OpenTofu resolves source = "faccc625/logto" to registry.opentofu.org/faccc625/logto.
mkdir -p "$demo/mirror/registry.opentofu.org/faccc625"
cp -R "$demo/mirror/registry.terraform.io/faccc625/logto" "$demo/mirror/registry.opentofu.org/faccc625/"
go build -trimpath -o "$demo/bin/logto-emulator" ./internal/cmd/logto-emulator
go build -trimpath -o "$demo/bin/mock-idp" ./internal/cmd/mock-idp

cat > "$demo/terraformrc" <<RC
provider_installation {
  filesystem_mirror {
    path    = "$demo/mirror"
    include = ["registry.terraform.io/faccc625/logto", "registry.opentofu.org/faccc625/logto"]
  }
  direct {
    exclude = ["registry.terraform.io/faccc625/logto", "registry.opentofu.org/faccc625/logto"]
  }
}
RC
export TF_CLI_CONFIG_FILE=$demo/terraformrc CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1

emulator_pid=
idp_pid=
cleanup() {
  if [ -n "$idp_pid" ]; then
    kill "$idp_pid" 2>/dev/null || true
    wait "$idp_pid" 2>/dev/null || true
  fi
  if [ -n "$emulator_pid" ]; then
    kill "$emulator_pid" 2>/dev/null || true
    wait "$emulator_pid" 2>/dev/null || true
    echo "==> emulator stopped"
  fi
}
trap cleanup EXIT

if [ -z "${LOGTO_ENDPOINT:-}" ]; then
  export LOGTO_CLIENT_ID=demo-admin LOGTO_CLIENT_SECRET=demo-secret-$RANDOM$RANDOM
  "$demo/bin/logto-emulator" -listen 127.0.0.1:0 -ready-file "$demo/emulator.addr" \
    -client-id "$LOGTO_CLIENT_ID" -client-secret "$LOGTO_CLIENT_SECRET" -state "$demo/emulator-state.json" \
    >"$demo/emulator.log" 2>&1 &
  emulator_pid=$!
  for _ in $(seq 100); do [ -s "$demo/emulator.addr" ] && break; sleep 0.1; done
  [ -s "$demo/emulator.addr" ] || { cat "$demo/emulator.log"; echo "error: the emulator did not start" >&2; exit 1; }
  export LOGTO_ENDPOINT=http://$(cat "$demo/emulator.addr")
  echo "==> emulator listening on $LOGTO_ENDPOINT"
else
  echo "==> using the Logto at $LOGTO_ENDPOINT"
fi

# The SSO connector's issuer: Logto fetches <issuer>/.well-known/openid-configuration
# when the connector is created, so a real Logto must run on this host to reach it.
"$demo/bin/mock-idp" -listen 127.0.0.1:0 -ready-file "$demo/idp.addr" >"$demo/idp.log" 2>&1 &
idp_pid=$!
for _ in $(seq 100); do [ -s "$demo/idp.addr" ] && break; sleep 0.1; done
[ -s "$demo/idp.addr" ] || { cat "$demo/idp.log"; echo "error: the mock identity provider did not start" >&2; exit 1; }
export TF_VAR_sso_issuer=http://$(cat "$demo/idp.addr")/acme/v2.0
export TF_VAR_sso_client_secret=demo-sso-secret-$RANDOM$RANDOM
echo "==> mock identity provider: issuer $TF_VAR_sso_issuer"

cp examples/quickstart/*.tf "$demo/work/"
cd "$demo/work"
echo "==> $tf init (offline, from the filesystem mirror)"
"$tf" init -input=false -no-color | grep -E 'Installing|Installed|initialized' || true
echo "==> $tf apply"
"$tf" apply -input=false -auto-approve -no-color | tail -n 15
echo "==> $tf output"
"$tf" output -no-color
echo "==> $tf plan (must report no changes)"
set +e
"$tf" plan -input=false -detailed-exitcode -no-color >"$demo/plan.txt"
plan_rc=$?
set -e
tail -n 3 "$demo/plan.txt"
if [ "$plan_rc" -ne 0 ]; then
  echo "error: the plan after apply is not empty (exit $plan_rc)" >&2
  cat "$demo/plan.txt" >&2
  exit 1
fi
echo "==> $tf destroy"
"$tf" destroy -input=false -auto-approve -no-color | tail -n 1
echo "==> demo done: apply, empty plan and destroy all succeeded"
