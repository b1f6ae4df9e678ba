package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/faccc625/terraform-provider-logto/internal/emulator"
)

// Emulator credentials of the bench; they guard a loopback emulator that lives
// as long as the command.
const (
	benchClientID     = "bench-admin"
	benchClientSecret = "bench-admin-secret"
)

// bench holds what every N shares: the built provider, the CLI configuration
// and the mock identity provider.
type bench struct {
	o       options
	log     io.Writer
	work    string
	temp    bool
	rcFile  string
	idp     *http.Server
	idpAddr string
}

func newBench(ctx context.Context, o options, log io.Writer) (*bench, error) {
	if _, err := exec.LookPath("terraform"); err != nil {
		return nil, errors.New("terraform is not on PATH")
	}
	b := &bench{o: o, log: log, work: o.work}
	if b.work == "" {
		dir, err := os.MkdirTemp("", "logto-bench-")
		if err != nil {
			return nil, err
		}
		b.work, b.temp = dir, true
	} else if err := os.MkdirAll(b.work, 0o755); err != nil {
		return nil, err
	}
	ok := false
	defer func() {
		if !ok {
			b.close()
		}
	}()
	bin := filepath.Join(b.work, "bin")
	fmt.Fprintf(log, "building the provider into %s\n", bin)
	root, err := moduleRoot(ctx)
	if err != nil {
		return nil, err
	}
	build := exec.CommandContext(ctx, "go", "build", "-trimpath", "-ldflags", "-X main.version=0.0.0-bench",
		"-o", filepath.Join(bin, "terraform-provider-logto"), ".")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("go build: %w\n%s", err, out)
	}
	b.rcFile = filepath.Join(b.work, "terraformrc")
	rc := fmt.Sprintf("provider_installation {\n  dev_overrides {\n    %q = %q\n  }\n  direct {}\n}\n",
		"registry.terraform.io/faccc625/logto", bin)
	if err := os.WriteFile(b.rcFile, []byte(rc), 0o600); err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	b.idpAddr = ln.Addr().String()
	b.idp = &http.Server{Handler: discovery("http://" + b.idpAddr), ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = b.idp.Serve(ln) }()
	ok = true
	return b, nil
}

func (b *bench) close() {
	if b.idp != nil {
		_ = b.idp.Close()
	}
	if b.temp {
		_ = os.RemoveAll(b.work)
	}
}

// moduleRoot is the directory of the main module (the provider's main package).
func moduleRoot(ctx context.Context) (string, error) {
	out, err := exec.CommandContext(ctx, "go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %w", err)
	}
	mod := strings.TrimSpace(string(out))
	if mod == "" || mod == os.DevNull {
		return "", errors.New("run logto-bench inside the provider's module")
	}
	return filepath.Dir(mod), nil
}

// discovery answers an OpenID Connect discovery document for every issuer
// under base, like internal/cmd/mock-idp: the emulator fetches it when an SSO
// connector is created or changed.
func discovery(base string) http.Handler {
	const suffix = "/.well-known/openid-configuration"
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet || !strings.HasSuffix(r.URL.Path, suffix) {
			http.NotFound(w, r)
			return
		}
		issuer := base + strings.TrimSuffix(r.URL.Path, suffix)
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{
			"issuer":                   issuer,
			"authorization_endpoint":   issuer + "/authorize",
			"token_endpoint":           issuer + "/token",
			"userinfo_endpoint":        issuer + "/userinfo",
			"jwks_uri":                 issuer + "/jwks",
			"response_types_supported": []string{"code"},
		})
	})
}

// environ is the environment of the terraform commands: the caller's, without
// any TF_LOG* or reattach variable (the provider would format log lines, or
// not be started), plus the CLI configuration and the emulator's settings.
func (b *bench) environ(endpoint string) []string {
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(name, "TF_LOG") || strings.HasPrefix(name, "LOGTO_") ||
			name == "TF_REATTACH_PROVIDERS" || name == "TF_CLI_CONFIG_FILE" || name == "TF_ACC_LOG_PATH" {
			continue
		}
		env = append(env, kv)
	}
	return append(env,
		"TF_CLI_CONFIG_FILE="+b.rcFile, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1",
		"LOGTO_ENDPOINT="+endpoint, "LOGTO_CLIENT_ID="+benchClientID, "LOGTO_CLIENT_SECRET="+benchClientSecret)
}

// measure runs the three phases for n objects on a fresh emulator.
func (b *bench) measure(ctx context.Context, n int) (Result, error) {
	cfg, err := Generate(n, b.o.types, "http://"+b.idpAddr+"/bench")
	if err != nil {
		return Result{}, err
	}
	floor := Floor(cfg.Total())
	shaped, err := ShapedFloor(cfg)
	if err != nil {
		return Result{}, err
	}
	dir := filepath.Join(b.work, "n"+strconv.Itoa(n))
	logtoDir, floorDir, shapedDir := filepath.Join(dir, "logto"), filepath.Join(dir, "floor"), filepath.Join(dir, "shaped")
	for d, c := range map[string]Config{logtoDir: cfg, floorDir: floor, shapedDir: shaped} {
		if err := os.RemoveAll(d); err != nil {
			return Result{}, err
		}
		if err := os.MkdirAll(d, 0o755); err != nil {
			return Result{}, err
		}
		if err := os.WriteFile(filepath.Join(d, "main.tf"), []byte(c.HCL), 0o600); err != nil {
			return Result{}, err
		}
	}

	emu, err := emulator.New(emulator.Options{
		ClientID: benchClientID, ClientSecret: benchClientSecret,
		ProtectedAppDomain: "bench.example.app", Latency: b.o.latency,
	})
	if err != nil {
		return Result{}, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return Result{}, err
	}
	srv := &http.Server{Handler: emu, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	defer srv.Close()
	env := b.environ("http://" + ln.Addr().String())

	par := "-parallelism=" + strconv.Itoa(b.o.parallelism)
	plan := []string{"plan", "-input=false", "-no-color", "-detailed-exitcode", par}
	phases := []struct {
		name string
		args []string
		// env is added to the environment of the Logto command.
		env []string
		// sameFloor reuses the previous phase's terraform_data figures: the
		// command is the same for terraform_data.
		sameFloor bool
	}{
		{name: "apply", args: []string{"apply", "-auto-approve", "-input=false", "-no-color", par}},
		{name: "plan", args: plan},
		// The same refresh with every object read by its own GET: what batched
		// reads save.
		{name: PhaseUnbatched, args: plan, env: []string{"LOGTO_BATCH_READS=false"}, sameFloor: true},
		{name: "destroy", args: []string{"destroy", "-auto-approve", "-input=false", "-no-color", par}},
	}
	res := Result{Objects: cfg.Objects, Latency: b.o.latency, Parallelism: b.o.parallelism}
	for _, ph := range phases {
		fmt.Fprintf(b.log, "N=%d: terraform %s (%d objects)\n", n, ph.name, cfg.Total())
		emu.ResetRequestCounts()
		logto, out, err := runTerraform(ctx, logtoDir, append(env[:len(env):len(env)], ph.env...), b.o.sample, ph.args...)
		if ph.args[0] == "plan" && exitCode(err) == 2 {
			err = fmt.Errorf("the plan after apply is not empty: %w", err)
		}
		if err != nil {
			return res, fmt.Errorf("%w\n%s", err, tail(out, 40))
		}
		p := Phase{Name: ph.name, Logto: logto, Requests: emu.RequestCounts()}
		if ph.sameFloor && len(res.Phases) > 0 {
			p.Floor, p.Shaped = res.Phases[len(res.Phases)-1].Floor, res.Phases[len(res.Phases)-1].Shaped
		} else {
			fmt.Fprintf(b.log, "N=%d: terraform %s (%d terraform_data, then as many in the same shape)\n", n, ph.name, floor.Total())
			if p.Floor, out, err = runTerraform(ctx, floorDir, env, b.o.sample, ph.args...); err != nil {
				return res, fmt.Errorf("%w\n%s", err, tail(out, 40))
			}
			if p.Shaped, out, err = runTerraform(ctx, shapedDir, env, b.o.sample, ph.args...); err != nil {
				return res, fmt.Errorf("%w\n%s", err, tail(out, 40))
			}
		}
		// A long run prints each phase's figures as soon as it has them.
		fmt.Fprintf(b.log, "N=%d: %s\n", n, PhaseSummary(p, cfg.Total()))
		res.Phases = append(res.Phases, p)
	}
	if left := len(emu.Applications()); left > 0 {
		return res, fmt.Errorf("%d applications left in the emulator after destroy", left)
	}
	return res, nil
}

// exitCode is the exit status of a failed command, or -1.
func exitCode(err error) int {
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return exit.ExitCode()
	}
	return -1
}

// tail returns the last lines of out.
func tail(out []byte, lines int) string {
	all := strings.Split(strings.TrimRight(string(out), "\n"), "\n")
	return strings.Join(all[max(len(all)-lines, 0):], "\n")
}
