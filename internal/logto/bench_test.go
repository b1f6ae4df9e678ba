package logto_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"testing"

	"github.com/faccc625/terraform-provider-logto/internal/emulator"
	"github.com/faccc625/terraform-provider-logto/internal/logto"
)

// benchEnv is a client talking to an in-process emulator.
func benchEnv(b *testing.B) (*logto.Client, *emulator.Server) {
	b.Helper()
	srv, err := emulator.New(emulator.Options{ClientID: "bench", ClientSecret: "bench-secret"})
	if err != nil {
		b.Fatal(err)
	}
	hs := httptest.NewServer(srv)
	b.Cleanup(hs.Close)
	c, err := logto.New(logto.Config{Endpoint: hs.URL, ClientID: "bench", ClientSecret: "bench-secret", Resource: "https://default.logto.app/api"})
	if err != nil {
		b.Fatal(err)
	}
	return c, srv
}

// BenchmarkGetApplication measures one refresh-sized read and reports how
// many API requests each read costs (1 GET) and how many new tokens the run
// needed (0: the token fetched before the timer started is reused).
func BenchmarkGetApplication(b *testing.B) {
	c, srv := benchEnv(b)
	ctx := context.Background()
	app, err := c.CreateApplication(ctx, logto.ApplicationCreate{Name: "bench", Type: logto.ApplicationTypeSPA})
	if err != nil {
		b.Fatal(err)
	}
	srv.ResetRequestCounts()
	b.ResetTimer()
	for b.Loop() {
		if _, err := c.GetApplication(ctx, app.ID); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(srv.Requests("GET /api/applications/{id}"))/float64(b.N), "GETs/op")
	b.ReportMetric(float64(srv.Requests("POST /oidc/token")), "new-tokens")
}

// BenchmarkGetApplicationParallel reads from every core at once: all callers
// share one token.
func BenchmarkGetApplicationParallel(b *testing.B) {
	c, srv := benchEnv(b)
	ctx := context.Background()
	app, err := c.CreateApplication(ctx, logto.ApplicationCreate{Name: "bench", Type: logto.ApplicationTypeSPA})
	if err != nil {
		b.Fatal(err)
	}
	srv.ResetRequestCounts()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := c.GetApplication(ctx, app.ID); err != nil {
				b.Error(err)
				return
			}
		}
	})
	b.ReportMetric(float64(srv.Requests("POST /oidc/token")), "new-tokens")
}

// BenchmarkListApplications lists tenants of several sizes and reports the
// page requests per listing: ceil(n/100), never one request per application.
func BenchmarkListApplications(b *testing.B) {
	for _, n := range []int{20, 250, 1000} {
		b.Run(fmt.Sprintf("apps=%d", n), func(b *testing.B) {
			c, srv := benchEnv(b)
			ctx := context.Background()
			for i := range n {
				if _, err := c.CreateApplication(ctx, logto.ApplicationCreate{Name: fmt.Sprintf("bench-%d", i), Type: logto.ApplicationTypeSPA}); err != nil {
					b.Fatal(err)
				}
			}
			srv.ResetRequestCounts()
			b.ResetTimer()
			for b.Loop() {
				apps, err := c.ListApplications(ctx, logto.ListApplicationsOptions{})
				if err != nil {
					b.Fatal(err)
				}
				if len(apps) != n {
					b.Fatalf("listed %d applications, want %d", len(apps), n)
				}
			}
			b.ReportMetric(float64(srv.Requests("GET /api/applications"))/float64(b.N), "pages/op")
		})
	}
}
