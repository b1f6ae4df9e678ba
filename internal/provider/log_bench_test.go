package provider

import (
	"context"
	"fmt"
	"os"
	"syscall"
	"testing"
	"time"

	"github.com/faccc625/terraform-provider-logto/internal/framework"
	"github.com/faccc625/terraform-provider-logto/internal/logging"
	"github.com/faccc625/terraform-provider-logto/internal/logto"
)

const benchApps = 200

// BenchmarkRefresh200Applications measures the CPU a provider process spends
// on the refresh of 200 applications against the in-process emulator, once
// with the logging of before (no TF_LOG* variable: every SDK, protocol,
// framework and provider line formatted at TRACE and written) and once with
// the loggers turned off as main now does when no TF_LOG* variable is set.
//
// One op is what Terraform asks of one provider process during a refresh:
// GetProviderSchema, ConfigureProvider, then ReadResource for each of the 200
// applications with the prior state an earlier import and read produced. The
// RPCs go through terraform-plugin-go's gRPC-level server, which creates the
// loggers of each RPC as in the binary; log lines go to a file, as they go to
// a pipe to Terraform. cpu-ms/op is user+system CPU of the whole test process
// (getrusage), so it includes the emulator's share; the client-only
// sub-benchmark (the same 200 GETs through the Logto client alone) shows
// about how much of it that is. log-KiB/op is what the loggers wrote. Run it
// with `go test -run '^$' -bench Refresh200 -benchtime 5x ./internal/provider/`.
func BenchmarkRefresh200Applications(b *testing.B) {
	// Measure what the provider binary does: no comparison of the model path
	// with the framework's, which test binaries make.
	defer framework.SetCrossCheck(framework.SetCrossCheck(false))
	e := startEmulator(b)
	ctx := context.Background()
	client, err := logto.New(logto.Config{Endpoint: e.Endpoint, ClientID: e.ClientID, ClientSecret: e.ClientSecret, Resource: SelfHostedResource})
	if err != nil {
		b.Fatal(err)
	}
	ids := make([]string, benchApps)
	for i := range ids {
		app, err := client.CreateApplication(ctx, logto.ApplicationCreate{
			Name: fmt.Sprintf("bench-%03d", i), Type: []string{"Traditional", "SPA", "Native", "MachineToMachine"}[i%4],
		})
		if err != nil {
			b.Fatal(err)
		}
		ids[i] = app.ID
	}
	cfgType := providerConfigType(b)

	// Prior states as Terraform holds them: imported, then read once.
	clearLogEnv(b)
	logging.Quiet(os.Environ(), false, LogName, b.Setenv)
	g := newGRPCServer(NewServer("bench", ServerOptions{LogsDiscarded: true})())
	g.configure(b, ctx, cfgType, e)
	states := make([][]byte, benchApps)
	for i, id := range ids {
		states[i] = g.read(b, ctx, g.importState(b, ctx, id))
	}

	for _, mode := range []struct {
		name  string
		quiet bool
	}{
		{"logs=as-before", false},
		{"logs=off-when-unread", true},
	} {
		b.Run(mode.name, func(b *testing.B) {
			clearLogEnv(b)
			if mode.quiet && logging.Quiet(os.Environ(), false, LogName, b.Setenv) {
				b.Fatal("logging.Quiet says logs are wanted with no TF_LOG* variable")
			}
			logFile := captureLogs(b)
			measure(b, func() {
				g := newGRPCServer(NewServer("bench", ServerOptions{LogsDiscarded: mode.quiet})())
				g.call(b, ctx, "GetProviderSchema", nil)
				g.configure(b, ctx, cfgType, e)
				for _, state := range states {
					g.read(b, ctx, state)
				}
			})
			b.ReportMetric(float64(len(logFile()))/1024/float64(b.N), "log-KiB/op")
		})
	}

	b.Run("client-only", func(b *testing.B) {
		measure(b, func() {
			c, err := logto.New(logto.Config{Endpoint: e.Endpoint, ClientID: e.ClientID, ClientSecret: e.ClientSecret, Resource: SelfHostedResource})
			if err != nil {
				b.Fatal(err)
			}
			for _, id := range ids {
				if _, err := c.GetApplication(ctx, id); err != nil {
					b.Fatal(err)
				}
			}
		})
	})
}

// measure runs op b.N times and reports the process's CPU time per op.
func measure(b *testing.B, op func()) {
	b.Helper()
	before := cpuTime(b)
	b.ResetTimer()
	for range b.N {
		op()
	}
	b.StopTimer()
	b.ReportMetric(float64((cpuTime(b)-before).Microseconds())/1000/float64(b.N), "cpu-ms/op")
}

func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
