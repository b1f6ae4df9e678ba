package application_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"sync/atomic"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/faccc625/terraform-provider-logto/internal/acctest"
)

var applicationPath = regexp.MustCompile(`^/api/applications/[^/]+$`)

// staleProtectedPatchProxy serves the Management API of e through a proxy
// that answers like Logto before logto-io/logto#8889: a PATCH
// /api/applications/{id} whose body holds protectedAppMetadata and nothing
// else is applied, but answered with the application as it was before. It
// returns the Env to configure the provider with and the number of PATCHes
// answered that way.
func staleProtectedPatchProxy(t *testing.T, e *acctest.Env) (*acctest.Env, *atomic.Int32) {
	t.Helper()
	var stale atomic.Int32
	forward := func(r *http.Request, method string, body []byte) (*http.Response, []byte, error) {
		req, err := http.NewRequestWithContext(r.Context(), method, e.Endpoint+r.URL.RequestURI(), bytes.NewReader(body))
		if err != nil {
			return nil, nil, err
		}
		req.Header = r.Header.Clone()
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return nil, nil, err
		}
		defer resp.Body.Close()
		answer, err := io.ReadAll(resp.Body)
		return resp, answer, err
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		var before []byte
		if r.Method == http.MethodPatch && applicationPath.MatchString(r.URL.Path) && onlyProtectedAppMetadata(body) {
			resp, answer, err := forward(r, http.MethodGet, nil)
			if err != nil || resp.StatusCode != http.StatusOK {
				http.Error(w, "proxy: reading the application before the PATCH failed", http.StatusBadGateway)
				return
			}
			before = answer
		}
		resp, answer, err := forward(r, r.Method, body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		if before != nil && resp.StatusCode == http.StatusOK {
			answer = before
			stale.Add(1)
		}
		for k, v := range resp.Header {
			w.Header()[k] = v
		}
		w.Header().Del("Content-Length")
		w.WriteHeader(resp.StatusCode)
		_, _ = w.Write(answer)
	}))
	t.Cleanup(srv.Close)
	proxied := *e
	proxied.Endpoint = srv.URL
	return &proxied, &stale
}

func onlyProtectedAppMetadata(body []byte) bool {
	var fields map[string]json.RawMessage
	if json.Unmarshal(body, &fields) != nil {
		return false
	}
	_, ok := fields["protectedAppMetadata"]
	return ok && len(fields) == 1
}

// TestAccApplication_protectedOriginStaleAnswer: Logto before
// logto-io/logto#8889 answers a PATCH that changes only
// protectedAppMetadata with the application as it was. Updating only the
// origin must still save the new origin, with an empty plan after.
func TestAccApplication_protectedOriginStaleAnswer(t *testing.T) {
	t.Parallel()
	acctest.SkipProtectedAppsOnRealLogto(t)
	e := acctest.New(t)
	older, stale := staleProtectedPatchProxy(t, e)
	name := acctest.RandomName("stale")
	sub := "tfacc" + acctest.RandomName("")[7:]
	var id string
	config := func(origin string) string {
		return older.Config(`
resource "logto_application" "test" {
  name = %q
  type = "Protected"
  protected_app_metadata = {
    sub_domain = %q
    origin     = %q
  }
}
`, name, sub, origin)
	}
	resource.Test(t, testCase(e,
		resource.TestStep{
			Config:            config("https://before.example.com"),
			ConfigPlanChecks:  acctest.EmptyPlanAfterApply(),
			ConfigStateChecks: []statecheck.StateCheck{acctest.CaptureID(addr, &id)},
		},
		resource.TestStep{
			Config: config("https://after.example.com"),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, acctest.Attr("protected_app_metadata").AtMapKey("origin"), knownvalue.StringExact("https://after.example.com")),
				acctest.ExpectIDUnchanged(addr, &id),
				// Positive control: the proxy did answer with the old row, so
				// the step above exercised the quirk.
				stateCheckFunc(func(ctx context.Context) error {
					if stale.Load() == 0 {
						return errorf("no PATCH was answered with the stale row; the test did not exercise the quirk")
					}
					app, err := e.Client.GetApplication(ctx, id)
					if err != nil {
						return err
					}
					if got := app.ProtectedAppMetadata.Origin; got != "https://after.example.com" {
						return errorf("Logto holds origin %s, want https://after.example.com", got)
					}
					return nil
				}),
			},
		},
	))
}
