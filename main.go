// Command terraform-provider-logto is the Terraform provider for Logto.
package main

import (
	"flag"
	"log"
	"os"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/faccc625/terraform-provider-logto/internal/logging"
	"github.com/faccc625/terraform-provider-logto/internal/provider"
)

// Generate the docs into docs/ with tfplugindocs (see GNUmakefile: make docs).
//go:generate go tool tfplugindocs generate --provider-name logto --rendered-provider-name Logto

// version is set by the build: -ldflags "-X main.version=1.2.3".
var version = "dev"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "run the provider with support for debuggers like delve")
	flag.Parse()

	// When nobody will read the provider's log lines (no TF_LOG* variable,
	// not -debug), turn the SDK, framework and provider loggers off before
	// any is created, so that no line is formatted: see package logging.
	wanted := logging.Quiet(os.Environ(), debug, provider.LogName, func(k, v string) {
		if err := os.Setenv(k, v); err != nil {
			log.Printf("[WARN] setting %s: %v", k, err)
		}
	})

	var opts []tf6server.ServeOpt
	if debug {
		opts = append(opts, tf6server.WithManagedDebug())
	}
	// What providerserver.Serve does, with the server wrapped so that every
	// RPC masks the client secret and the access tokens in its log lines.
	err := tf6server.Serve(provider.Address,
		provider.NewServer(version, provider.ServerOptions{LogsDiscarded: !wanted}), opts...)
	if err != nil {
		log.Fatal(err.Error())
	}
}
