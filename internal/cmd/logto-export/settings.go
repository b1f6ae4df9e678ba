package main

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"

	"github.com/faccc625/terraform-provider-logto/internal/logto"
	"github.com/faccc625/terraform-provider-logto/internal/provider"
)

// settings are the provider settings the command reads the tenant with.
type settings struct {
	Endpoint     string
	ClientID     string
	ClientSecret string
	Resource     string
}

// settingsFromEnv reads the provider's environment variables; the resource
// indicator is derived from the endpoint when LOGTO_RESOURCE is unset.
func settingsFromEnv(getenv func(string) string) (settings, error) {
	s := settings{
		Endpoint:     strings.TrimSuffix(strings.TrimSpace(getenv("LOGTO_ENDPOINT")), "/"),
		ClientID:     strings.TrimSpace(getenv("LOGTO_CLIENT_ID")),
		ClientSecret: getenv("LOGTO_CLIENT_SECRET"),
		Resource:     strings.TrimSpace(getenv("LOGTO_RESOURCE")),
	}
	var missing []string
	for _, v := range []struct{ name, value string }{
		{"LOGTO_ENDPOINT", s.Endpoint}, {"LOGTO_CLIENT_ID", s.ClientID}, {"LOGTO_CLIENT_SECRET", s.ClientSecret},
	} {
		if v.value == "" {
			missing = append(missing, v.name)
		}
	}
	if len(missing) > 0 {
		return s, fmt.Errorf("set %s: logto-export reads the tenant with the provider's settings "+
			"(LOGTO_ENDPOINT, LOGTO_CLIENT_ID, LOGTO_CLIENT_SECRET, and LOGTO_RESOURCE when it cannot be derived)",
			strings.Join(missing, ", "))
	}
	if s.Resource == "" {
		s.Resource = provider.DeriveResource(s.Endpoint)
	}
	return s, nil
}

// client returns a Management API client for the settings.
func (s settings) client() (*logto.Client, error) {
	c, err := logto.New(logto.Config{
		Endpoint: s.Endpoint, ClientID: s.ClientID, ClientSecret: s.ClientSecret, Resource: s.Resource,
		UserAgent: "logto-export",
	})
	if err != nil {
		return nil, fmt.Errorf("%w (check LOGTO_ENDPOINT, LOGTO_CLIENT_ID, LOGTO_CLIENT_SECRET and LOGTO_RESOURCE)", err)
	}
	return c, nil
}

// explain adds to an error reading the tenant the setting to fix.
func explain(err error, s settings) error {
	if e, ok := logto.AsError(err); ok {
		token := strings.HasSuffix(e.Path, "/oidc/token")
		switch {
		case token && (e.Code == "invalid_client" || e.Code == "oidc.invalid_client"):
			return fmt.Errorf("%w\nLogto refused the client credentials: check LOGTO_CLIENT_ID (%q) and LOGTO_CLIENT_SECRET; "+
				"they must be those of a machine-to-machine application", err, s.ClientID)
		case token && (e.Code == "invalid_target" || e.Code == "oidc.invalid_target"):
			return fmt.Errorf("%w\nLogto does not know the Management API indicator %q: set LOGTO_RESOURCE "+
				"(https://default.logto.app/api for a self-hosted Logto, https://<tenant-id>.logto.app/api on Logto Cloud)", err, s.Resource)
		case token:
			return fmt.Errorf("%w\nno access token from %s/oidc/token: check LOGTO_ENDPOINT, LOGTO_CLIENT_ID, LOGTO_CLIENT_SECRET and LOGTO_RESOURCE",
				err, s.Endpoint)
		case e.StatusCode == http.StatusUnauthorized || e.StatusCode == http.StatusForbidden:
			return fmt.Errorf("%w\nthe application %q may not read this (missing scope): give it a machine-to-machine role "+
				"holding the Management API's \"all\" scope (Logto's \"Logto Management API access\" role), "+
				"or set LOGTO_CLIENT_ID and LOGTO_CLIENT_SECRET to an application that has one", err, s.ClientID)
		case e.StatusCode == http.StatusNotFound && strings.HasPrefix(e.Path, "/api/"):
			return fmt.Errorf("%w\nis LOGTO_ENDPOINT (%q) the Logto server's base URL?", err, s.Endpoint)
		}
		return err
	}
	var netErr net.Error
	var opErr *net.OpError
	if errors.As(err, &opErr) || errors.As(err, &netErr) {
		return fmt.Errorf("%w\ncannot reach Logto: check LOGTO_ENDPOINT (%q)", err, s.Endpoint)
	}
	return err
}
