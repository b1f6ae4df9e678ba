package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestRun_ServesDiscoveryForAnyIssuer(t *testing.T) {
	ready := filepath.Join(t.TempDir(), "addr")
	ctx, cancel := context.WithCancel(context.Background())
	var out bytes.Buffer
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"-listen", "127.0.0.1:0", "-ready-file", ready}, &out) }()
	var addr string
	for range 200 {
		if b, err := os.ReadFile(ready); err == nil && len(b) > 0 {
			addr = string(b)
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	if addr == "" {
		cancel()
		t.Fatalf("not ready: %v", <-done)
	}
	base := "http://" + addr
	for _, issuer := range []string{base + "/acme/v2.0", base + "/okta"} {
		resp, err := http.Get(issuer + discoveryPath)
		if err != nil {
			t.Fatal(err)
		}
		var doc map[string]any
		err = json.NewDecoder(resp.Body).Decode(&doc)
		_ = resp.Body.Close()
		if err != nil || resp.StatusCode != http.StatusOK || doc["issuer"] != issuer || doc["token_endpoint"] != issuer+"/token" {
			t.Errorf("%s: %d %v %v", issuer, resp.StatusCode, doc, err)
		}
	}
	// Anything else is not found (positive control of the status check above).
	resp, err := http.Get(base + "/acme/v2.0/authorize")
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("/authorize answered %d, want 404", resp.StatusCode)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("run: %v", err)
	}
	if !strings.Contains(out.String(), base) {
		t.Errorf("output %q does not name %s", out.String(), base)
	}
}
