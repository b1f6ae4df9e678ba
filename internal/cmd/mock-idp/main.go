// Command mock-idp serves OpenID Connect discovery documents on loopback, so that an enterprise
// SSO connector can be created offline: Logto (and the emulator) fetch
// <issuer>/.well-known/openid-configuration when a connector is created or its configuration
// changes, and refuse the connector when they cannot. make demo starts it for the quickstart's
// connector.
//
//	go run ./internal/cmd/mock-idp -listen 127.0.0.1:3009
//
// Every path is an issuer: GET <base>/<any path>/.well-known/openid-configuration answers a
// discovery document whose issuer is <base>/<any path>. The endpoints it names are not served:
// nobody can sign in through this identity provider. Flags:
//
//	-listen      address to listen on, loopback by default
//	-ready-file  file that receives the actual listen address once listening
//
// It serves until SIGINT or SIGTERM.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"
)

const discoveryPath = "/.well-known/openid-configuration"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			os.Exit(0)
		}
		fmt.Fprintln(os.Stderr, "mock-idp:", err)
		os.Exit(1)
	}
}

// run parses args, serves until ctx is done and shuts down.
func run(ctx context.Context, args []string, stdout io.Writer) error {
	flags := flag.NewFlagSet("mock-idp", flag.ContinueOnError)
	listen := flags.String("listen", "127.0.0.1:3009", "address to listen on")
	readyFile := flags.String("ready-file", "", "write the actual listen address to this file once listening")
	if err := flags.Parse(args); err != nil {
		return err
	}
	if flags.NArg() > 0 {
		return fmt.Errorf("unexpected arguments: %v", flags.Args())
	}
	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		return err
	}
	addr := ln.Addr().String()
	srv := &http.Server{Handler: handler("http://" + addr), ReadHeaderTimeout: 10 * time.Second}
	if *readyFile != "" {
		if err := os.WriteFile(*readyFile, []byte(addr), 0o600); err != nil {
			_ = ln.Close()
			return err
		}
	}
	fmt.Fprintf(stdout, "mock identity provider on http://%s: issuer http://%s/<any path>\n", addr, addr)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		return srv.Shutdown(shutdown)
	}
}

// handler answers discovery documents for every issuer under base.
func handler(base string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet || !strings.HasSuffix(r.URL.Path, discoveryPath) {
			http.NotFound(w, r)
			return
		}
		issuer := base + strings.TrimSuffix(r.URL.Path, discoveryPath)
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{
			"issuer":                                issuer,
			"authorization_endpoint":                issuer + "/authorize",
			"token_endpoint":                        issuer + "/token",
			"userinfo_endpoint":                     issuer + "/userinfo",
			"jwks_uri":                              issuer + "/jwks",
			"response_types_supported":              []string{"code"},
			"subject_types_supported":               []string{"public"},
			"id_token_signing_alg_values_supported": []string{"RS256"},
		})
	})
}
