package main

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

func sampleResult() Result {
	return Result{
		Objects:     map[string]int{"logto_application": 3, "logto_user": 1},
		Latency:     5 * time.Millisecond,
		Parallelism: 10,
		Phases: []Phase{
			{
				Name:   "apply",
				Logto:  Usage{Wall: 3 * time.Second, CPU: 2 * time.Second, ProviderCPU: 1500 * time.Millisecond, ProviderPeakRSS: 30 << 20},
				Floor:  Usage{Wall: time.Second, CPU: 500 * time.Millisecond},
				Shaped: Usage{Wall: 2 * time.Second, CPU: time.Second},
				Requests: map[string]int{
					"POST /api/applications": 3, "POST /api/users": 1, "GET /api/applications/{id}/secrets": 1,
					tokenRoute: 1,
				},
			},
			{
				Name:     "plan",
				Logto:    Usage{Wall: 2 * time.Second, CPU: time.Second},
				Floor:    Usage{},
				Requests: map[string]int{"GET /api/applications/{id}": 3, "GET /api/users/{id}": 1, tokenRoute: 2, "DELETE /api/users/{id}": 0},
			},
		},
	}
}

// TestPrintResult checks the figures of the phase table (ratios to
// terraform_data, requests per object, tokens, RSS in MiB, "-" where nothing
// was measured) and the route table (requests per object, sorted by path then
// method, routes never requested left out).
func TestPrintResult(t *testing.T) {
	var out bytes.Buffer
	if err := PrintResult(&out, sampleResult()); err != nil {
		t.Fatal(err)
	}
	text := out.String()
	t.Log("\n" + text)
	lines := strings.Split(text, "\n")
	find := func(prefix string) []string {
		for _, l := range lines {
			f := strings.Fields(l)
			if len(f) > 0 && f[0] == prefix {
				return f
			}
		}
		t.Fatalf("no line starting with %q in:\n%s", prefix, text)
		return nil
	}
	if !strings.Contains(text, "N = 4 objects of 2 types (logto_application 3, logto_user 1); emulator latency 5ms; -parallelism=10") {
		t.Errorf("heading missing")
	}
	// phase wall(2) tf_data(2) ratio shaped(2) ratio CPU(2) tf_data(2) ratio shaped(2) ratio
	// providerCPU(2) RSS(2) requests req/object tokens
	apply := strings.Join(find("apply"), " ")
	if want := "apply 3.00 s 1.00 s 3.0× 2.00 s 1.5× 2.00 s 0.50 s 4.0× 1.00 s 2.0× 1.50 s 30.0 MiB 6 1.50 1"; apply != want {
		t.Errorf("apply row\n got %q\nwant %q", apply, want)
	}
	plan := strings.Join(find("plan"), " ")
	if want := "plan 2.00 s 0.00 s - 0.00 s - 1.00 s 0.00 s - 0.00 s - 0.00 s - 6 1.50 2"; plan != want {
		t.Errorf("plan row\n got %q\nwant %q", plan, want)
	}
	// Route table: per object (4 objects), columns apply and plan.
	for route, want := range map[string]string{
		"POST /api/applications":             "0.750 0.000",
		"GET /api/applications/{id}":         "0.000 0.750",
		"GET /api/applications/{id}/secrets": "0.250 0.000",
		"POST /oidc/token":                   "0.250 0.500",
	} {
		found := false
		for _, l := range lines {
			if strings.HasPrefix(l, route+" ") {
				found = true
				if got := strings.Join(strings.Fields(strings.TrimPrefix(l, route)), " "); got != want {
					t.Errorf("%s: got %q, want %q", route, got, want)
				}
			}
		}
		if !found {
			t.Errorf("route %s missing", route)
		}
	}
	if strings.Contains(text, "DELETE /api/users/{id}") {
		t.Error("a route with no request is listed")
	}
	// Sorted by path, then method.
	order := []string{"GET /api/applications/{id} ", "GET /api/applications/{id}/secrets", "POST /api/users ", "GET /api/users/{id}", "POST /oidc/token"}
	last := -1
	for _, r := range order {
		i := strings.Index(text, r)
		if i < last {
			t.Errorf("%q is out of order", r)
		}
		last = i
	}
}

// TestParseStat reads the name, parent and CPU of a /proc/<pid>/stat line,
// including a command name with spaces and parentheses.
func TestParseStat(t *testing.T) {
	line := "4242 (terraform-provi) S 4100 4242 4100 0 -1 4194304 1 0 0 0 150 25 0 0 20 0 8 0 1 2 3\n"
	name, ppid, cpu, ok := parseStat([]byte(line))
	if !ok || name != "terraform-provi" || ppid != 4100 || cpu != 1750*time.Millisecond {
		t.Errorf("parseStat: %q %d %s %t", name, ppid, cpu, ok)
	}
	name, ppid, _, ok = parseStat([]byte("7 (a (b) c) R 1 7 7 0 -1 0 0 0 0 0 3 4 0 0 20 0 1 0 1 2 3"))
	if !ok || name != "a (b) c" || ppid != 1 {
		t.Errorf("parseStat with parentheses: %q %d %t", name, ppid, ok)
	}
	if _, _, _, ok := parseStat([]byte("garbage")); ok {
		t.Error("parseStat accepted garbage")
	}
}

// TestParseHWM reads VmHWM in bytes and refuses a status without it.
func TestParseHWM(t *testing.T) {
	hwm, ok := parseHWM([]byte("Name:\tx\nVmPeak:\t  9000 kB\nVmHWM:\t   31744 kB\nVmRSS:\t 100 kB\n"))
	if !ok || hwm != 31744*1024 {
		t.Errorf("parseHWM: %d %t", hwm, ok)
	}
	if _, ok := parseHWM([]byte("Name:\tx\nVmRSS:\t 100 kB\n")); ok {
		t.Error("parseHWM found a VmHWM that is not there")
	}
}

// TestPhaseSummary checks the one-line figures printed when a phase ends.
func TestPhaseSummary(t *testing.T) {
	r := sampleResult()
	got := PhaseSummary(r.Phases[0], r.Total())
	want := "apply: wall 3.00 s (terraform_data 1.00 s, 3.0×; same shape 2.00 s, 1.5×), " +
		"CPU 2.00 s (terraform_data 0.50 s, 4.0×; same shape 1.00 s, 2.0×), " +
		"provider CPU 1.50 s, provider peak RSS 30.0 MiB, 6 requests (1.50/object), token requests 1"
	if got != want {
		t.Errorf("PhaseSummary\n got %q\nwant %q", got, want)
	}
	if got := PhaseSummary(r.Phases[1], 0); !strings.Contains(got, "6 requests (-/object), token requests 2") || !strings.Contains(got, "terraform_data 0.00 s, -") {
		t.Errorf("PhaseSummary without objects or floor: %q", got)
	}
}
