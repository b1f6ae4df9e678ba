// Command logto-emulator serves the in-memory Logto Management API emulator
// (internal/emulator) on a local address, for demos and for trying a Terraform configuration
// offline.
//
//	go run ./internal/cmd/logto-emulator -listen 127.0.0.1:3001 -state ./logto-emulator.json
//
// Flags (environment fallbacks in brackets):
//
//	-listen               address to listen on, loopback by default [LOGTO_EMULATOR_LISTEN]
//	-client-id            accepted client id [LOGTO_EMULATOR_CLIENT_ID]
//	-client-secret        accepted client secret [LOGTO_EMULATOR_CLIENT_SECRET]
//	-resource             accepted resource indicator [LOGTO_EMULATOR_RESOURCE]
//	-state                state file, loaded at start and rewritten after each change [LOGTO_EMULATOR_STATE]
//	-protected-app-domain domain of Protected apps; empty answers 501 like OSS [LOGTO_EMULATOR_PROTECTED_APP_DOMAIN]
//	-ready-file           file that receives the actual listen address once listening
//	-latency              delay before every request is served, e.g. 5ms (a real server's round trip)
//
// The default credentials are public demo values (client id "emulator-admin", client secret
// "emulator-admin-secret"); the command prints the endpoint and credentials when it starts and
// serves until SIGINT or SIGTERM.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/faccc625/terraform-provider-logto/internal/emulator"
)

// Demo credentials used when none are given. They are not secret.
const (
	defaultListen       = "127.0.0.1:3001"
	defaultClientID     = "emulator-admin"
	defaultClientSecret = "emulator-admin-secret"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			os.Exit(0)
		}
		fmt.Fprintln(os.Stderr, "logto-emulator:", err)
		os.Exit(1)
	}
}

// run parses args, serves until ctx is done and shuts down gracefully.
func run(ctx context.Context, args []string, stdout io.Writer) error {
	flags := flag.NewFlagSet("logto-emulator", flag.ContinueOnError)
	listen := flags.String("listen", env("LOGTO_EMULATOR_LISTEN", defaultListen), "address to listen on")
	clientID := flags.String("client-id", env("LOGTO_EMULATOR_CLIENT_ID", defaultClientID), "accepted client id")
	clientSecret := flags.String("client-secret", env("LOGTO_EMULATOR_CLIENT_SECRET", defaultClientSecret), "accepted client secret")
	resource := flags.String("resource", env("LOGTO_EMULATOR_RESOURCE", emulator.DefaultResource), "accepted resource indicator")
	state := flags.String("state", env("LOGTO_EMULATOR_STATE", ""), "state file (optional)")
	protectedDomain := flags.String("protected-app-domain", env("LOGTO_EMULATOR_PROTECTED_APP_DOMAIN", ""), "domain of Protected apps (empty: 501 like OSS)")
	readyFile := flags.String("ready-file", "", "write the actual listen address to this file once listening")
	latency := flags.Duration("latency", 0, "delay before every request is served (stands in for a real server's round trip)")
	if err := flags.Parse(args); err != nil {
		return err
	}
	if flags.NArg() > 0 {
		return fmt.Errorf("unexpected arguments: %v", flags.Args())
	}

	emu, err := emulator.New(emulator.Options{
		ClientID: *clientID, ClientSecret: *clientSecret, Resource: *resource,
		StateFile: *state, ProtectedAppDomain: *protectedDomain, Latency: *latency,
	})
	if err != nil {
		return err
	}
	listener, err := net.Listen("tcp", *listen)
	if err != nil {
		return err
	}
	addr := listener.Addr().String()
	srv := &http.Server{Handler: emu, ReadHeaderTimeout: 10 * time.Second}

	fmt.Fprintf(stdout, "logto-emulator: endpoint=http://%s client_id=%s client_secret=%s resource=%s\n",
		addr, *clientID, *clientSecret, *resource)
	fmt.Fprintf(stdout, "logto-emulator: to point Terraform at it: export LOGTO_ENDPOINT=http://%s LOGTO_CLIENT_ID=%s LOGTO_CLIENT_SECRET=%s\n",
		addr, *clientID, *clientSecret)
	if *readyFile != "" {
		if err := os.WriteFile(*readyFile, []byte(addr+"\n"), 0o600); err != nil {
			_ = listener.Close()
			return fmt.Errorf("writing ready file: %w", err)
		}
	}

	served := make(chan error, 1)
	go func() { served <- srv.Serve(listener) }()
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return err
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// env returns the environment variable, or fallback when it is unset or empty.
func env(name, fallback string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return fallback
}
