// Command logto-bench measures what the provider costs at scale: it runs real
// terraform apply, plan (a refresh of everything) and destroy against the
// in-process Logto emulator for a generated configuration of N objects of every
// resource type, and the same commands for N terraform_data resources
// (Terraform's own cost, the floor) twice: N independent instances, and N
// instances in the shape of the Logto configuration (the same counts and
// references, so the same dependency graph). It runs the plan twice, with
// batched reads on and off, prints each phase's figures as it ends and one
// table per N at the end.
//
//	go run ./internal/cmd/logto-bench -n 100,1000 -latency 5ms
//	make bench-scale N=100,1000 LATENCY=5ms TYPES=all
//
// It builds the provider, serves it to terraform through a dev_overrides CLI
// configuration (no terraform init, no network), starts the emulator and a mock
// OIDC identity provider (the SSO connectors' issuer) on loopback, and for each
// N prints wall time and CPU of every phase beside terraform_data's, the
// provider processes' CPU and peak RSS, API requests per object by route and
// token requests per command (the emulator's counters, reset between phases).
//
// CPU is terraform's rusage as wait4 reports it: terraform plus the provider
// processes it waited for. The provider's own CPU and peak RSS are sampled from
// /proc/<pid>/stat and /proc/<pid>/status (VmHWM) of the provider processes
// terraform starts, every -sample interval: running the provider in -debug
// mode instead would turn its logging on (and distort CPU) and share one
// process, one token cache and one heap between commands.
//
// Flags:
//
//	-n            comma-separated numbers of objects (default 100)
//	-latency      emulator latency per request (default 5ms)
//	-types        "all" (every type, in blocks) or a comma-separated list of types that stand alone
//	-parallelism  terraform -parallelism (default 10)
//	-sample       /proc sampling interval (default 20ms)
//	-work         working directory, kept afterwards (default: a temporary one, removed)
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			os.Exit(0)
		}
		fmt.Fprintln(os.Stderr, "logto-bench:", err)
		os.Exit(1)
	}
}

// options are the parsed flags.
type options struct {
	counts      []int
	latency     time.Duration
	types       string
	parallelism int
	sample      time.Duration
	work        string
}

func parseFlags(args []string) (options, error) {
	var o options
	flags := flag.NewFlagSet("logto-bench", flag.ContinueOnError)
	n := flags.String("n", "100", "comma-separated numbers of objects")
	flags.DurationVar(&o.latency, "latency", 5*time.Millisecond, "emulator latency per request")
	flags.StringVar(&o.types, "types", "all", "all, or a comma-separated list of: "+strings.Join(SingleTypes(), ", "))
	flags.IntVar(&o.parallelism, "parallelism", 10, "terraform -parallelism")
	flags.DurationVar(&o.sample, "sample", 20*time.Millisecond, "/proc sampling interval of the provider processes")
	flags.StringVar(&o.work, "work", "", "working directory, kept afterwards (default: temporary, removed)")
	if err := flags.Parse(args); err != nil {
		return o, err
	}
	if flags.NArg() > 0 {
		return o, fmt.Errorf("unexpected arguments: %v", flags.Args())
	}
	for _, s := range strings.Split(*n, ",") {
		v, err := strconv.Atoi(strings.TrimSpace(strings.ReplaceAll(s, "_", "")))
		if err != nil || v < 1 {
			return o, fmt.Errorf("-n: %q is not a positive whole number", s)
		}
		o.counts = append(o.counts, v)
	}
	if o.parallelism < 1 || o.sample <= 0 || o.latency < 0 {
		return o, errors.New("-parallelism and -sample must be positive, -latency not negative")
	}
	if _, err := Generate(1_000, o.types, "http://127.0.0.1/issuer"); err != nil {
		return o, fmt.Errorf("-types: %w", err)
	}
	return o, nil
}

func run(ctx context.Context, args []string, stdout io.Writer) error {
	o, err := parseFlags(args)
	if err != nil {
		return err
	}
	bench, err := newBench(ctx, o, stdout)
	if err != nil {
		return err
	}
	defer bench.close()
	for _, n := range o.counts {
		res, err := bench.measure(ctx, n)
		if err != nil {
			return fmt.Errorf("with %d objects: %w", n, err)
		}
		if err := PrintResult(stdout, res); err != nil {
			return err
		}
	}
	return nil
}
