package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-log/tflog"
	"github.com/hashicorp/terraform-plugin-log/tfsdklog"
	"google.golang.org/protobuf/reflect/protoreflect"

	"github.com/faccc625/terraform-provider-logto/internal/logging"
	"github.com/faccc625/terraform-provider-logto/internal/logto"
)

// leakyServer stands for a provider that logs secrets by mistake: in
// GetProviderSchema and after the ReadResource calls that leakOnRead picks, it
// writes lines containing the values that leak returns, through the provider
// logger, the SDK root logger and the protocol subsystem. Other RPCs go to
// the embedded server (nil in tests that call no other RPC).
type leakyServer struct {
	downstream
	leak       func() []string
	leakOnRead func(n int) bool // nil: every read leaks
	reads      int
}

func (l *leakyServer) logLeaks(ctx context.Context, rpc string) {
	for _, v := range l.leak() {
		fields := map[string]any{"leaked": "Bearer " + v}
		tflog.Info(ctx, rpc+" provider line "+v, fields)
		tfsdklog.Info(ctx, rpc+" sdk line "+v, fields)
		tfsdklog.SubsystemInfo(ctx, logging.ProtoSubsystem, rpc+" proto line "+v, fields)
	}
}

func (l *leakyServer) GetProviderSchema(ctx context.Context, _ *tfprotov6.GetProviderSchemaRequest) (*tfprotov6.GetProviderSchemaResponse, error) {
	l.logLeaks(ctx, "GetProviderSchema")
	return &tfprotov6.GetProviderSchemaResponse{}, nil
}

func (l *leakyServer) ReadResource(ctx context.Context, req *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	resp, err := &tfprotov6.ReadResourceResponse{}, error(nil)
	if l.downstream != nil {
		resp, err = l.downstream.ReadResource(ctx, req)
	}
	l.reads++
	if l.leakOnRead == nil || l.leakOnRead(l.reads) {
		l.logLeaks(ctx, "ReadResource")
	}
	return resp, err
}

// TestMaskingServer_masksEveryLogger writes lines containing a client secret
// and a token inside two wrapped RPCs: every logger a provider can reach
// masks them. Without the wrapper (the control) the same lines keep them.
func TestMaskingServer_masksEveryLogger(t *testing.T) {
	clearLogEnv(t)
	t.Setenv("TF_LOG", "TRACE")
	const secret, token = "client-secret-0123456789abcdef", "emu_TOKEN0123456789abcdefghijklmnopqrstuvwxy"
	leak := func() []string { return []string{secret, token} }
	secrets := &logging.Secrets{}
	secrets.Add(secret)
	secrets.Add(token)
	ctx := context.Background()

	run := func(srv tfprotov6.ProviderServer) string {
		logged := captureLogs(t)
		g := newGRPCServer(srv)
		g.call(t, ctx, "GetProviderSchema", nil)
		g.call(t, ctx, "ReadResource", func(req protoreflect.Message) { setString(req, "type_name", "logto_application") })
		return logged()
	}

	control := run(&leakyServer{leak: leak})
	for _, v := range []string{secret, token} {
		if n := strings.Count(control, v); n != 12 {
			t.Fatalf("control: %q appears %d times without the wrapper, want 12 (2 RPCs × 3 loggers × message and field):\n%s", v, n, control)
		}
	}

	masked := run(newMaskingServer(&leakyServer{leak: leak}, ServerOptions{Secrets: secrets}))
	for _, v := range []string{secret, token} {
		if strings.Contains(masked, v) {
			t.Errorf("%q appears in a line written inside a wrapped RPC:\n%s", v, masked)
		}
	}
	for _, rpc := range []string{"GetProviderSchema", "ReadResource"} {
		for _, logger := range []string{"provider", "sdk", "proto"} {
			if want := rpc + " " + logger + " line ***"; strings.Count(masked, want) != 2 {
				t.Errorf("want 2 lines %q (client secret and token), got %d", want, strings.Count(masked, want))
			}
		}
	}
	if n := strings.Count(masked, `"leaked":"Bearer ***"`); n != 12 {
		t.Errorf("%d masked field values, want 12", n)
	}
}

// TestNewServer_masksTheClientSecretAndObtainedTokens runs the real provider
// against the emulator. Configure puts the client secret in the server's set,
// and the client adds each token it obtains: the first one, and the one it
// fetches after the emulator has revoked the first. Lines that leak every
// token the provider was issued and the client secret, written inside wrapped
// ReadResource calls, come out masked; the control, the same run without the
// wrapper, finds them in the log.
//
// Masks are fixed when an RPC starts (logging.Secrets.Mask): a token is masked
// from the RPC after the one in which the client obtained it, so the reads in
// which the client fetches a token do not leak.
func TestNewServer_masksTheClientSecretAndObtainedTokens(t *testing.T) {
	clearLogEnv(t)
	t.Setenv("TF_LOG", "TRACE")
	ctx := context.Background()
	cfgType := providerConfigType(t)

	run := func(wrap bool) (logs string, secrets *logging.Secrets, leaked []string) {
		e := startEmulator(t)
		client, err := logto.New(logto.Config{Endpoint: e.Endpoint, ClientID: e.ClientID, ClientSecret: e.ClientSecret, Resource: SelfHostedResource})
		if err != nil {
			t.Fatal(err)
		}
		app, err := client.CreateApplication(ctx, logto.ApplicationCreate{Name: "masking", Type: "MachineToMachine"})
		if err != nil {
			t.Fatal(err)
		}
		testClientTokens := len(e.IssuedTokens())
		providerTokens := func() []string { return e.IssuedTokens()[testClientTokens:] }

		leaky := &leakyServer{
			downstream: frameworkServer("test"),
			leak:       func() []string { return append(providerTokens(), e.ClientSecret) },
			leakOnRead: func(n int) bool { return n == 2 || n == 4 },
		}
		var srv tfprotov6.ProviderServer = leaky
		secrets = &logging.Secrets{}
		if wrap {
			srv = newMaskingServer(leaky, ServerOptions{Secrets: secrets})
		}
		logged := captureLogs(t)
		g := newGRPCServer(srv)
		g.configure(t, ctx, cfgType, e)
		state := g.importState(t, ctx, app.ID) // no request: the import only sets the id
		state = g.read(t, ctx, state)          // read 1: the client fetches its first token
		state = g.read(t, ctx, state)          // read 2 leaks it
		e.RevokeTokens()
		state = g.read(t, ctx, state) // read 3: 401, the client fetches a second token
		g.read(t, ctx, state)         // read 4 leaks both
		if n := len(providerTokens()); n != 2 {
			t.Fatalf("the provider was issued %d tokens, want 2 (one before and one after the revocation)", n)
		}
		return logged(), secrets, append(providerTokens(), e.ClientSecret)
	}

	control, _, leaked := run(false)
	for _, v := range leaked {
		if !strings.Contains(control, v) {
			t.Fatalf("control: a leaked value is not in the log of the unwrapped server; the check below would prove nothing")
		}
	}

	logs, secrets, leaked := run(true)
	if got := secrets.Values(); len(got) != 3 || got[0] != leaked[2] || got[1] != leaked[0] || got[2] != leaked[1] {
		t.Errorf("the server's set holds %d values, want the client secret then the two tokens in the order obtained", len(got))
	}
	for i, v := range leaked {
		if strings.Contains(logs, v) {
			t.Errorf("leaked value %d of %d (tokens, then the client secret) appears in the log of the wrapped server", i+1, len(leaked))
		}
	}
	// Read 2 leaks 2 values, read 4 leaks 3.
	if n := strings.Count(logs, "ReadResource provider line ***"); n != 5 {
		t.Errorf("%d masked provider lines, want 5", n)
	}
	if !strings.Contains(logs, `"@message":"Logto API request"`) {
		t.Error("no request line of the provider's client in the log")
	}
}
