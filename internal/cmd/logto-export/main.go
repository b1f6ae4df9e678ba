// Command logto-export brings an existing Logto tenant under Terraform, and
// reports the objects of a tenant that a Terraform state does not manage.
//
//	go install github.com/faccc625/terraform-provider-logto/internal/cmd/logto-export@latest
//
//	logto-export -out DIR [-types T1,T2] [-name PATTERN]... [-users] [-include-builtin] [-force]
//	logto-export -unmanaged STATE_JSON [-ignore PATTERN]... [-types …] [-users] [-include-builtin]
//
// It reads the tenant with the provider's settings, from the same environment
// variables: LOGTO_ENDPOINT, LOGTO_CLIENT_ID, LOGTO_CLIENT_SECRET and
// LOGTO_RESOURCE (derived from the endpoint when unset, as the provider does).
//
// With -out it writes one .tf file per domain (applications.tf,
// sso_connectors.tf, sign_in_experience.tf, organizations.tf,
// api_resources.tf, roles.tf, users.tf), providers.tf, imports.tf (an import
// block for every object) and, when a connector holds a client secret,
// variables.tf. Each resource's attributes are what the provider itself reads
// on import, so that `terraform plan` in DIR shows only imports.
//
// With -unmanaged it reads `terraform show -json` output (a file, or - for
// stdin) and lists the tenant's objects that no managed resource of that
// state holds, by type. Exit status: 0 when there are none, 3 when there are
// some, 1 on errors, 2 on a bad command line.
//
// Patterns (-name, -ignore) are globs matched against the whole object name:
// * matches any run of characters (slashes included), ? one character,
// [abc] one of a set; matching is case-sensitive.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
)

// Exit statuses.
const (
	exitOK        = 0
	exitError     = 1
	exitUsage     = 2
	exitUnmanaged = 3
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// options are the parsed command line.
type options struct {
	out            string
	unmanaged      string
	types          []string
	names          patterns
	ignore         patterns
	users          bool
	includeBuiltin bool
	force          bool
}

// patterns is a repeatable glob flag.
type patterns []*glob

func (p *patterns) String() string {
	s := make([]string, len(*p))
	for i, g := range *p {
		s[i] = g.src
	}
	return strings.Join(s, ",")
}

func (p *patterns) Set(v string) error {
	g, err := compileGlob(v)
	if err != nil {
		return err
	}
	*p = append(*p, g)
	return nil
}

// errUsage marks command-line errors (exit status 2).
var errUsage = errors.New("usage")

func parseFlags(args []string, stderr io.Writer) (options, error) {
	var o options
	fs := flag.NewFlagSet("logto-export", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.out, "out", "", "write the tenant's configuration and import blocks into this directory")
	fs.StringVar(&o.unmanaged, "unmanaged", "", "report the tenant's objects that this state (terraform show -json output; - for stdin) does not manage")
	types := fs.String("types", "", "comma-separated resource types to export or report (default: all; logto_ prefix optional): "+strings.Join(typeNames(), ", "))
	fs.Var(&o.names, "name", "export only objects whose name matches this glob (repeatable; children follow their parent)")
	fs.Var(&o.ignore, "ignore", "with -unmanaged: leave out objects whose name matches this glob (repeatable)")
	fs.BoolVar(&o.users, "users", false, "include users (logto_user, logto_user_roles, logto_organization_member)")
	fs.BoolVar(&o.includeBuiltin, "include-builtin", false, "include Logto's built-in objects (the Management API resource, its roles, the provider's own application)")
	fs.BoolVar(&o.force, "force", false, "with -out: overwrite files of a previous export")
	fs.Usage = func() {
		fmt.Fprint(stderr, "Usage:\n  logto-export -out DIR [-types T1,T2] [-name PATTERN]... [-users] [-include-builtin] [-force]\n"+
			"  logto-export -unmanaged STATE_JSON|- [-ignore PATTERN]... [-types T1,T2] [-users] [-include-builtin]\n\n"+
			"Settings come from LOGTO_ENDPOINT, LOGTO_CLIENT_ID, LOGTO_CLIENT_SECRET and LOGTO_RESOURCE.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if fs.NArg() > 0 {
		return o, fmt.Errorf("%w: unexpected arguments %q", errUsage, fs.Args())
	}
	switch {
	case o.out == "" && o.unmanaged == "":
		return o, fmt.Errorf("%w: give -out DIR (export) or -unmanaged STATE_JSON (report)", errUsage)
	case o.out != "" && o.unmanaged != "":
		return o, fmt.Errorf("%w: -out and -unmanaged cannot be used together", errUsage)
	case o.out != "" && len(o.ignore) > 0:
		return o, fmt.Errorf("%w: -ignore goes with -unmanaged; filter an export with -name", errUsage)
	case o.unmanaged != "" && len(o.names) > 0:
		return o, fmt.Errorf("%w: -name goes with -out; leave objects out of the report with -ignore", errUsage)
	}
	var err error
	if o.types, err = parseTypes(*types); err != nil {
		return o, fmt.Errorf("%w: -types: %w", errUsage, err)
	}
	return o, nil
}

// run is the command; it returns the exit status.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) int {
	o, err := parseFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	if err != nil {
		fmt.Fprintln(stderr, "logto-export:", err)
		return exitUsage
	}
	s, err := settingsFromEnv(getenv)
	if err != nil {
		fmt.Fprintln(stderr, "logto-export:", err)
		return exitError
	}
	sel := newSelection(o)
	if o.unmanaged != "" {
		found, err := reportUnmanaged(ctx, s, sel, o, stdin, stdout)
		if err != nil {
			fmt.Fprintln(stderr, "logto-export:", explain(err, s))
			return exitError
		}
		if found > 0 {
			return exitUnmanaged
		}
		return exitOK
	}
	if err := export(ctx, s, sel, o, stdout); err != nil {
		fmt.Fprintln(stderr, "logto-export:", explain(err, s))
		return exitError
	}
	return exitOK
}
