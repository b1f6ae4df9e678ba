// Command terraform-provider-logto is the Terraform provider for Logto.
package main

import (
	"context"
	"flag"
	"log"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

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

	err := providerserver.Serve(context.Background(), provider.New(version), providerserver.ServeOpts{
		Address: provider.Address,
		Debug:   debug,
	})
	if err != nil {
		log.Fatal(err.Error())
	}
}
