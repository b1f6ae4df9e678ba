package provider

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/faccc625/terraform-provider-logto/internal/logging"
	"github.com/faccc625/terraform-provider-logto/internal/logto"
)

// serveAndRefresh sets logging up as main does for the current environment,
// then serves GetProviderSchema, ConfigureProvider, an import and a refresh of
// one application through the gRPC-level server, and returns what the loggers
// wrote.
func serveAndRefresh(t *testing.T) (wanted bool, logs string) {
	t.Helper()
	wanted = logging.Quiet(os.Environ(), false, LogName, t.Setenv)
	logged := captureLogs(t)

	e := startEmulator(t)
	ctx := context.Background()
	client, err := logto.New(logto.Config{Endpoint: e.Endpoint, ClientID: e.ClientID, ClientSecret: e.ClientSecret, Resource: SelfHostedResource})
	if err != nil {
		t.Fatal(err)
	}
	app, err := client.CreateApplication(ctx, logto.ApplicationCreate{Name: "logging-e2e", Type: "MachineToMachine"})
	if err != nil {
		t.Fatal(err)
	}
	cfgType := providerConfigType(t)

	g := newGRPCServer(NewServer("test", ServerOptions{LogsDiscarded: !wanted})())
	g.call(t, ctx, "GetProviderSchema", nil)
	g.configure(t, ctx, cfgType, e)
	state := g.read(t, ctx, g.importState(t, ctx, app.ID))
	if !strings.Contains(string(state), app.ID) || !strings.Contains(string(state), "logging-e2e") {
		t.Fatalf("the refreshed state does not hold the application: %q", state)
	}
	return wanted, logged()
}

// TestServer_noLogsFormattedWhenNobodyReads runs RPCs with no TF_LOG*
// variable set: not one line is written (so none was formatted), although the
// framework, the protocol server and the provider log on every one of them.
// TestServer_logsAsBeforeWithTFLog is its positive control.
func TestServer_noLogsFormattedWhenNobodyReads(t *testing.T) {
	clearLogEnv(t)
	wanted, logs := serveAndRefresh(t)
	if wanted {
		t.Fatal("logging.Quiet says logs are wanted with no TF_LOG* variable set")
	}
	for k, v := range logging.QuietEnv(LogName) {
		if os.Getenv(k) != v {
			t.Errorf("%s = %q, want %q", k, os.Getenv(k), v)
		}
	}
	if logs != "" {
		t.Errorf("%d bytes of log lines written with no TF_LOG* variable set; first lines:\n%s", len(logs), firstLines(logs, 5))
	}
}

// TestServer_logsAsBeforeWithTFLog runs the same RPCs with TF_LOG=TRACE: the
// environment is left alone and the framework's, the protocol server's and the
// provider's own lines are written, as before.
func TestServer_logsAsBeforeWithTFLog(t *testing.T) {
	clearLogEnv(t)
	t.Setenv("TF_LOG", "TRACE")
	wanted, logs := serveAndRefresh(t)
	if !wanted {
		t.Fatal("logging.Quiet says logs are not wanted with TF_LOG=TRACE")
	}
	for k := range logging.QuietEnv(LogName) {
		if os.Getenv(k) != "" {
			t.Errorf("%s = %q was set although TF_LOG is", k, os.Getenv(k))
		}
	}
	for what, want := range map[string]string{
		"a framework trace line":   `"@module":"sdk.framework"`,
		"a protocol trace line":    `"@module":"sdk.proto"`,
		"the provider's own lines": `"@module":"logto"`,
		"a Logto API request line": `"@message":"Logto API request"`,
		"the trace level":          `"@level":"trace"`,
	} {
		if !strings.Contains(logs, want) {
			t.Errorf("no %s (%s) in the %d bytes logged with TF_LOG=TRACE; first lines:\n%s", what, want, len(logs), firstLines(logs, 5))
		}
	}
}

func firstLines(s string, n int) string {
	lines := strings.SplitN(s, "\n", n+1)
	return strings.Join(lines[:min(n, len(lines))], "\n")
}
