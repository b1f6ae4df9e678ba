package emulator_test

import (
	"bytes"
	"encoding/json"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
)

// Replay of the SSO connector and sign-in experience samples (06–11, 27), added to
// TestEmulator_replaySamples.
//
// The captured Logto reached a metadata-only identity provider at 127.0.0.1:3009 and nothing
// else (no internet). The replay serves the same documents from a mock IdP on a free loopback
// port: request bodies are rewritten from 127.0.0.1:3009 to the mock and answers back, the
// mock serves the captured IdP's SAML metadata (taken from sample 08), and every other host
// fails like an unknown name. Errors from such failures carry got's request options and
// timings in Logto's answer; the emulator answers {code, name} and the comparison drops the
// rest. Exchanges that need state from another file are handled as follows: a name a file
// expects to be taken is created first (10 expects tf-oidc-s1 from 07), and requests for
// connectors created in other files (07's final cleanup) are skipped, as are the
// check-password exchanges of 27 (not served).

const capturedIdP = "http://127.0.0.1:3009"

var (
	replaySamplesDirMu sync.Mutex
	replaySamplesDir   string
)

// replayFiles lists the sample files the emulator can replay: applications (00–05), SSO
// connectors (06–10), the sign-in experience (11, 27) and organizations (12–14).
func replayFiles(dir string) ([]string, error) {
	replaySamplesDirMu.Lock()
	replaySamplesDir = dir
	replaySamplesDirMu.Unlock()
	var files []string
	for _, pattern := range []string{"0[0-9]-*.json", "1[01]-*.json", "1[234]-*.json", "27-*.json"} {
		matches, err := filepath.Glob(filepath.Join(dir, pattern))
		if err != nil {
			return nil, err
		}
		files = append(files, matches...)
	}
	return files, nil
}

// replayEnv adapts the replay of one sample file to what the emulator cannot share with the
// captured server.
type replayEnv struct {
	idp        *mockIdP
	idpPattern *regexp.Regexp
}

// newReplayEnv prepares the emulator for a sample file: a mock IdP for SSO files, and the
// connectors the file expects to exist already.
func newReplayEnv(t *testing.T, sample sampleFile, tg *target) *replayEnv {
	t.Helper()
	env := &replayEnv{}
	usesSSO := false
	for _, ex := range sample.Exchanges {
		usesSSO = usesSSO || strings.HasPrefix(ex.Request.URL, "/api/sso-connectors")
	}
	if !usesSSO {
		return env
	}
	env.idp = newMockIdP(t)
	env.idpPattern = regexp.MustCompile(regexp.QuoteMeta(env.idp.URL) + `(\D|$)`)
	env.idp.ServeMetadata(strings.ReplaceAll(capturedMetadata(t), capturedIdP, env.idp.URL))
	mockHost := strings.TrimPrefix(env.idp.URL, "http://")
	tg.emu.SetIdentityProviderClient(&http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		if r.URL.Host != mockHost {
			return nil, &net.DNSError{Err: "no such host", Name: r.URL.Hostname(), IsNotFound: true}
		}
		return http.DefaultTransport.RoundTrip(r)
	})})
	for _, ex := range sample.Exchanges {
		if ex.Response.Status != http.StatusConflict || ex.Request.URL != "/api/sso-connectors" {
			continue
		}
		var body struct {
			ConnectorName string `json:"connectorName"`
		}
		_ = json.Unmarshal(ex.Request.Body, &body)
		resp := tg.request(t, http.MethodPost, "/api/sso-connectors", map[string]any{"providerName": "OIDC", "connectorName": body.ConnectorName})
		wantStatus(t, resp, http.StatusOK)
	}
	return env
}

// capturedMetadata is the SAML metadata the captured IdP served (the inline metadata of 08).
func capturedMetadata(t *testing.T) string {
	t.Helper()
	replaySamplesDirMu.Lock()
	dir := replaySamplesDir
	replaySamplesDirMu.Unlock()
	raw, err := os.ReadFile(filepath.Join(dir, "08-sso-connectors-saml.json"))
	if err != nil {
		t.Fatalf("captured SAML metadata: %v", err)
	}
	var sample sampleFile
	if err := json.Unmarshal(raw, &sample); err != nil {
		t.Fatal(err)
	}
	for _, ex := range sample.Exchanges {
		var body struct {
			Config struct {
				Metadata string `json:"metadata"`
			} `json:"config"`
		}
		if json.Unmarshal(ex.Request.Body, &body) == nil && body.Config.Metadata != "" {
			return body.Config.Metadata
		}
	}
	t.Fatal("no inline metadata in 08-sso-connectors-saml.json")
	return ""
}

var shortSampleID = regexp.MustCompile(`^/api/sso-connectors/([0-9a-z]{12})$`)

// skip reports whether an exchange cannot be replayed against a fresh emulator.
func (env *replayEnv) skip(ex sampleExchange, ids map[string]string) bool {
	if strings.HasPrefix(ex.Request.URL, "/api/sign-in-exp/default/check-password") {
		return true
	}
	if m := shortSampleID.FindStringSubmatch(ex.Request.URL); m != nil && ids[m[1]] == "" && ex.Response.Status != http.StatusNotFound {
		return true // a connector another file created
	}
	return false
}

// rewrite points the request at the mock IdP.
func (env *replayEnv) rewrite(ex sampleExchange) sampleExchange {
	if env.idp != nil {
		ex.Request.Body = json.RawMessage(strings.ReplaceAll(string(ex.Request.Body), capturedIdP, env.idp.URL))
	}
	return ex
}

// normalize writes the captured IdP's address back into an answer.
func (env *replayEnv) normalize(s string) string {
	if env.idp == nil {
		return s
	}
	return env.idpPattern.ReplaceAllString(s, capturedIdP+"$1")
}

// expected drops what the emulator cannot reproduce from a captured answer: the options and
// timings of got's RequestError in an SSO connector error's data.error.
func (env *replayEnv) expected(t *testing.T, body []byte) []byte {
	t.Helper()
	if !bytes.Contains(body, []byte(`"ssoErrorCode"`)) {
		return body
	}
	var root orderedJSON
	if err := json.Unmarshal(body, &root); err != nil {
		t.Fatalf("captured body: %v", err)
	}
	if data := root.get("data"); data != nil {
		if e := data.get("error"); e != nil && e.get("timings") != nil {
			e.drop("timings", "options")
		}
	}
	out, err := json.Marshal(&root)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// orderedJSON is a decoded JSON value that keeps object key order.
type orderedJSON struct {
	keys   []string
	fields map[string]*orderedJSON
	raw    json.RawMessage // anything but an object
}

func (o *orderedJSON) get(key string) *orderedJSON {
	if o == nil || o.fields == nil {
		return nil
	}
	return o.fields[key]
}

func (o *orderedJSON) drop(keys ...string) {
	for _, k := range keys {
		delete(o.fields, k)
		for i, existing := range o.keys {
			if existing == k {
				o.keys = append(o.keys[:i], o.keys[i+1:]...)
				break
			}
		}
	}
}

// UnmarshalJSON decodes objects key by key and keeps everything else raw.
func (o *orderedJSON) UnmarshalJSON(data []byte) error {
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) == 0 || trimmed[0] != '{' {
		o.raw = append(json.RawMessage{}, trimmed...)
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(trimmed))
	if _, err := dec.Token(); err != nil {
		return err
	}
	o.fields = map[string]*orderedJSON{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		key, _ := tok.(string)
		child := &orderedJSON{}
		if err := dec.Decode(child); err != nil {
			return err
		}
		o.keys = append(o.keys, key)
		o.fields[key] = child
	}
	return nil
}

// MarshalJSON writes objects in their original key order.
func (o *orderedJSON) MarshalJSON() ([]byte, error) {
	if o.fields == nil {
		return o.raw, nil
	}
	var buf bytes.Buffer
	buf.WriteByte('{')
	for i, k := range o.keys {
		if i > 0 {
			buf.WriteByte(',')
		}
		key, err := json.Marshal(k)
		if err != nil {
			return nil, err
		}
		value, err := json.Marshal(o.fields[k])
		if err != nil {
			return nil, err
		}
		buf.Write(key)
		buf.WriteByte(':')
		buf.Write(value)
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}
