package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe for the server goroutine and the test.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// waitForFile waits until path has content.
func waitForFile(t *testing.T, path string, done <-chan error) string {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if raw, err := os.ReadFile(path); err == nil && len(raw) > 0 {
			return strings.TrimSpace(string(raw))
		}
		select {
		case err := <-done:
			t.Fatalf("run ended before it was ready: %v", err)
		case <-time.After(10 * time.Millisecond):
		}
	}
	t.Fatal("ready file never written")
	return ""
}

func TestRun_servesAndShutsDown(t *testing.T) {
	dir := t.TempDir()
	readyFile := filepath.Join(dir, "ready")
	stateFile := filepath.Join(dir, "state.json")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out syncBuffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"-listen", "127.0.0.1:0", "-ready-file", readyFile, "-state", stateFile,
			"-client-id", "cmd-id", "-client-secret", "cmd-secret"}, &out)
	}()
	addr := waitForFile(t, readyFile, done)
	endpoint := "http://" + addr

	if line := out.String(); !strings.Contains(line, "endpoint="+endpoint) || !strings.Contains(line, "client_id=cmd-id") {
		t.Errorf("start line = %q", line)
	}
	resp, err := http.Get(endpoint + "/api/status")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNoContent {
		t.Errorf("status = %d", resp.StatusCode)
	}

	// A token and a create reach the state file.
	form := url.Values{"grant_type": {"client_credentials"}, "resource": {"https://default.logto.app/api"}, "scope": {"all"}}
	req, _ := http.NewRequest(http.MethodPost, endpoint+"/oidc/token", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Authorization", "Basic "+base64.StdEncoding.EncodeToString([]byte("cmd-id:cmd-secret")))
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var token struct {
		AccessToken string `json:"access_token"`
	}
	_ = json.NewDecoder(resp.Body).Decode(&token)
	resp.Body.Close()
	req, _ = http.NewRequest(http.MethodPost, endpoint+"/api/applications", strings.NewReader(`{"name":"cmd-app","type":"SPA"}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+token.AccessToken)
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("create status = %d", resp.StatusCode)
	}
	if raw, err := os.ReadFile(stateFile); err != nil || !strings.Contains(string(raw), "cmd-app") {
		t.Errorf("state file = %s, %v", raw, err)
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("run returned %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("run did not stop")
	}
}

func TestRun_rejectsBadFlags(t *testing.T) {
	if err := run(context.Background(), []string{"-no-such-flag"}, &bytes.Buffer{}); err == nil {
		t.Error("unknown flag accepted")
	}
	if err := run(context.Background(), []string{"-client-secret", ""}, &bytes.Buffer{}); err == nil {
		t.Error("empty client secret accepted")
	}
	if err := run(context.Background(), []string{"extra"}, &bytes.Buffer{}); err == nil {
		t.Error("positional argument accepted")
	}
}
