package logto

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// appStore is a stateful fake of /api/applications and its secrets for the
// create tests. onPost decides, per POST, what happens around the handler:
// "" serves it, "before503" answers 503 without acting, "afterDrop" acts then
// drops the connection, "after502" acts then answers 502, "twice+drop" creates
// two objects then drops the connection.
type appStore struct {
	mu      sync.Mutex
	apps    []Application
	secrets map[string][]ApplicationSecret
	seq     int
	posts   int
	patches int
	lists   int
	onPost  []string // consumed one per POST (or PATCH of a secret)
	listErr bool
}

func (s *appStore) next() string {
	if len(s.onPost) == 0 {
		return ""
	}
	f := s.onPost[0]
	s.onPost = s.onPost[1:]
	return f
}

func (s *appStore) add(name, typ string, createdAt time.Time) Application {
	s.seq++
	a := Application{ID: fmt.Sprintf("app%d", s.seq), Name: name, Type: typ, CreatedAt: createdAt.UnixMilli()}
	s.apps = append(s.apps, a)
	return a
}

func (s *appStore) handler(t *testing.T) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		defer s.mu.Unlock()
		switch {
		case r.Method == http.MethodPost && r.URL.Path == "/api/applications":
			s.posts++
			var in ApplicationCreate
			_ = json.NewDecoder(r.Body).Decode(&in)
			fault := s.next()
			if fault == "before503" {
				writeJSON(w, http.StatusServiceUnavailable, `{"code":"request.general","message":"busy"}`)
				return
			}
			a := s.add(in.Name, in.Type, time.Now())
			if fault == "twice+drop" {
				s.add(in.Name, in.Type, time.Now())
			}
			s.finish(t, w, fault, a)
		case r.Method == http.MethodGet && r.URL.Path == "/api/applications":
			s.lists++
			if s.listErr {
				writeJSON(w, http.StatusInternalServerError, `{"message":"Internal server error."}`)
				return
			}
			search, types := r.URL.Query().Get("search"), r.URL.Query()["types"]
			out := []Application{}
			for _, a := range s.apps {
				if (search == "" || strings.EqualFold(a.Name, search)) && (len(types) == 0 || slices.Contains(types, a.Type)) {
					out = append(out, a)
				}
			}
			body, _ := json.Marshal(out)
			w.Header().Set("Total-Number", fmt.Sprint(len(out)))
			writeJSON(w, http.StatusOK, string(body))
		case strings.HasSuffix(r.URL.Path, "/secrets") && r.Method == http.MethodPost:
			s.posts++
			appID := strings.Split(r.URL.Path, "/")[3]
			var in ApplicationSecretCreate
			_ = json.NewDecoder(r.Body).Decode(&in)
			fault := s.next()
			if fault == "before503" {
				writeJSON(w, http.StatusServiceUnavailable, `{"code":"request.general","message":"busy"}`)
				return
			}
			for _, sec := range s.secrets[appID] {
				if sec.Name == in.Name {
					writeJSON(w, http.StatusUnprocessableEntity, `{"code":"application.secret_name_exists","message":"exists"}`)
					return
				}
			}
			sec := ApplicationSecret{ApplicationID: appID, Name: in.Name, Value: "v-" + in.Name, CreatedAt: time.Now().UnixMilli()}
			s.secrets[appID] = append(s.secrets[appID], sec)
			s.finish(t, w, fault, sec)
		case strings.HasSuffix(r.URL.Path, "/secrets") && r.Method == http.MethodGet:
			s.lists++
			body, _ := json.Marshal(s.secrets[strings.Split(r.URL.Path, "/")[3]])
			writeJSON(w, http.StatusOK, string(body))
		case strings.Contains(r.URL.Path, "/secrets/") && r.Method == http.MethodPatch:
			s.patches++
			parts := strings.Split(r.URL.Path, "/")
			appID, old := parts[3], parts[5]
			var in struct{ Name string }
			_ = json.NewDecoder(r.Body).Decode(&in)
			fault := s.next()
			if fault == "before503" {
				writeJSON(w, http.StatusServiceUnavailable, `{"code":"request.general","message":"busy"}`)
				return
			}
			for i, sec := range s.secrets[appID] {
				if sec.Name == old {
					s.secrets[appID][i].Name = in.Name
					s.finish(t, w, fault, s.secrets[appID][i])
					return
				}
			}
			writeJSON(w, http.StatusNotFound, `{"code":"entity.not_found","message":"not found"}`)
		default:
			t.Errorf("unexpected %s %s", r.Method, r.URL)
			writeJSON(w, http.StatusNotFound, `{}`)
		}
	}
}

// finish answers an acted-on request as the fault says.
func (s *appStore) finish(t *testing.T, w http.ResponseWriter, fault string, obj any) {
	switch fault {
	case "afterDrop", "twice+drop":
		dropConnection(t, w)
	case "after502":
		writeJSON(w, http.StatusBadGateway, `{"message":"bad gateway"}`)
	default:
		body, _ := json.Marshal(obj)
		writeJSON(w, http.StatusOK, string(body))
	}
}

func newAppStore(t *testing.T, faults ...string) (*appStore, *Client) {
	t.Helper()
	s := &appStore{onPost: faults, secrets: map[string][]ApplicationSecret{}}
	f := newFakeLogto(t, s.handler(t))
	return s, f.client(t, noKeepAlive)
}

func (s *appStore) counts() (apps, posts, lists int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.apps), s.posts, s.lists
}

func TestCreate_LostAnswerAdoptsTheCreatedObject(t *testing.T) {
	for _, fault := range []string{"afterDrop", "after502"} {
		t.Run(fault, func(t *testing.T) {
			s, c := newAppStore(t, fault)
			app, err := c.CreateApplication(t.Context(), ApplicationCreate{Name: "web", Type: ApplicationTypeSPA})
			if err != nil {
				t.Fatalf("create: %v", err)
			}
			apps, posts, lists := s.counts()
			if apps != 1 || posts != 1 || lists < 1 {
				t.Errorf("apps=%d posts=%d lists=%d, want 1 app from 1 POST, found by a lookup", apps, posts, lists)
			}
			if app.ID != "app1" || app.Name != "web" {
				t.Errorf("adopted %+v, want app1", app)
			}
		})
	}
}

func TestCreate_RefusedBeforeActingIsSentAgain(t *testing.T) {
	s, c := newAppStore(t, "before503", "before503")
	app, err := c.CreateApplication(t.Context(), ApplicationCreate{Name: "web", Type: ApplicationTypeSPA})
	if err != nil {
		t.Fatalf("create: %v", err)
	}
	apps, posts, lists := s.counts()
	if apps != 1 || posts != 3 || lists != 2 {
		t.Errorf("apps=%d posts=%d lists=%d, want 1 app after 3 POSTs and 2 lookups", apps, posts, lists)
	}
	if app.ID != "app1" {
		t.Errorf("got %+v", app)
	}
}

func TestCreate_GivesUpAfterMaxRetries(t *testing.T) {
	// The fake client allows 3 retries: 4 POSTs, all refused.
	s, c := newAppStore(t, "before503", "before503", "before503", "before503", "before503")
	_, err := c.CreateApplication(t.Context(), ApplicationCreate{Name: "web", Type: ApplicationTypeSPA})
	if !IsStatus(err, http.StatusServiceUnavailable) {
		t.Fatalf("error = %v, want the last 503", err)
	}
	if apps, posts, _ := s.counts(); apps != 0 || posts != 4 {
		t.Errorf("apps=%d posts=%d, want 0 apps after 4 POSTs", apps, posts)
	}
}

func TestCreate_IgnoresOlderObjectsOfTheSameName(t *testing.T) {
	s, c := newAppStore(t, "afterDrop")
	s.add("web", ApplicationTypeSPA, time.Now().Add(-time.Hour)) // made by someone else, earlier
	app, err := c.CreateApplication(t.Context(), ApplicationCreate{Name: "web", Type: ApplicationTypeSPA})
	if err != nil {
		t.Fatalf("create: %v", err)
	}
	if app.ID != "app2" {
		t.Errorf("adopted %s, want app2 (app1 is older than the request)", app.ID)
	}
	// Positive control: without the age filter both would match.
	if n := len(s.apps); n != 2 {
		t.Errorf("%d apps, want 2", n)
	}
}

func TestCreate_IgnoresOtherTypes(t *testing.T) {
	s, c := newAppStore(t, "afterDrop")
	s.add("web", ApplicationTypeTraditional, time.Now()) // same name, other type, just now
	app, err := c.CreateApplication(t.Context(), ApplicationCreate{Name: "web", Type: ApplicationTypeSPA})
	if err != nil {
		t.Fatalf("create: %v", err)
	}
	if app.ID != "app2" || app.Type != ApplicationTypeSPA {
		t.Errorf("adopted %+v, want app2 (SPA)", app)
	}
}

func TestCreate_NeverAdoptsAnObjectItAlreadyOwns(t *testing.T) {
	s, c := newAppStore(t, "", "afterDrop")
	first, err := c.CreateApplication(t.Context(), ApplicationCreate{Name: "web", Type: ApplicationTypeSPA})
	if err != nil {
		t.Fatalf("first create: %v", err)
	}
	second, err := c.CreateApplication(t.Context(), ApplicationCreate{Name: "web", Type: ApplicationTypeSPA})
	if err != nil {
		t.Fatalf("second create: %v", err)
	}
	if first.ID == second.ID || second.ID != "app2" {
		t.Errorf("first %s, second %s: the second create must adopt its own object", first.ID, second.ID)
	}
	if apps, posts, _ := s.counts(); apps != 2 || posts != 2 {
		t.Errorf("apps=%d posts=%d", apps, posts)
	}
}

func TestCreate_SeveralCandidatesFailNamingThem(t *testing.T) {
	_, c := newAppStore(t, "twice+drop")
	_, err := c.CreateApplication(t.Context(), ApplicationCreate{Name: "web", Type: ApplicationTypeSPA})
	var unknown *UnknownOutcomeError
	if !errors.As(err, &unknown) {
		t.Fatalf("error = %v, want an UnknownOutcomeError", err)
	}
	if got := strings.Join(unknown.Candidates, ","); got != "app1,app2" {
		t.Errorf("candidates = %q", got)
	}
	if !strings.Contains(err.Error(), "import the right one") {
		t.Errorf("message does not say what to do: %v", err)
	}
}

func TestCreate_LookupFailureIsReported(t *testing.T) {
	s, c := newAppStore(t, "afterDrop")
	s.listErr = true
	_, err := c.CreateApplication(t.Context(), ApplicationCreate{Name: "web", Type: ApplicationTypeSPA})
	var unknown *UnknownOutcomeError
	if !errors.As(err, &unknown) || unknown.LookupErr == nil {
		t.Fatalf("error = %v, want an UnknownOutcomeError with the lookup's failure", err)
	}
	if !strings.Contains(err.Error(), "may have been created") {
		t.Errorf("message = %v", err)
	}
}

func TestCreate_KnownFailureIsNotLookedUp(t *testing.T) {
	f := newFakeLogto(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			t.Errorf("unexpected %s", r.Method)
		}
		writeJSON(w, http.StatusBadRequest, `{"code":"guard.invalid_input","message":"bad"}`)
	})
	_, err := f.client(t).CreateApplication(t.Context(), ApplicationCreate{Name: "web", Type: "Nope"})
	if !IsStatus(err, http.StatusBadRequest) || OutcomeUnknown(err) {
		t.Fatalf("error = %v, want a known 400", err)
	}
	if n := f.apiCalls.Load(); n != 1 {
		t.Errorf("%d requests, want 1", n)
	}
}

func TestCreateApplicationSecret_LostAnswer(t *testing.T) {
	for _, faults := range [][]string{{"afterDrop"}, {"after502"}, {"before503"}} {
		t.Run(faults[0], func(t *testing.T) {
			s, c := newAppStore(t, faults...)
			sec, err := c.CreateApplicationSecret(t.Context(), "app9", ApplicationSecretCreate{Name: "ci"})
			if err != nil {
				t.Fatalf("create: %v", err)
			}
			if sec.Name != "ci" || sec.Value != "v-ci" || len(s.secrets["app9"]) != 1 {
				t.Errorf("secret %+v, stored %d", sec, len(s.secrets["app9"]))
			}
		})
	}
}

// A secret that existed before the request (its create then failed with
// 422, and that answer was lost) is not adopted as if this create made it.
func TestCreateApplicationSecret_OlderSecretNotAdopted(t *testing.T) {
	s, c := newAppStore(t, "before503", "before503", "before503", "before503", "before503")
	s.secrets["app9"] = []ApplicationSecret{{ApplicationID: "app9", Name: "ci", Value: "old", CreatedAt: time.Now().Add(-time.Hour).UnixMilli()}}
	_, err := c.CreateApplicationSecret(t.Context(), "app9", ApplicationSecretCreate{Name: "ci"})
	if err == nil {
		t.Fatal("the older secret was adopted")
	}
}

func TestRenameApplicationSecret_LostAnswer(t *testing.T) {
	for _, tt := range []struct {
		fault   string
		patches int
	}{{"afterDrop", 1}, {"after502", 1}, {"before503", 2}} {
		t.Run(tt.fault, func(t *testing.T) {
			s, c := newAppStore(t, tt.fault)
			s.secrets["app9"] = []ApplicationSecret{{ApplicationID: "app9", Name: "old", Value: "v"}}
			sec, err := c.RenameApplicationSecret(t.Context(), "app9", "old", "new")
			if err != nil {
				t.Fatalf("rename: %v", err)
			}
			if sec.Name != "new" || s.secrets["app9"][0].Name != "new" || s.patches != tt.patches {
				t.Errorf("got %+v, stored %+v, %d PATCHes (want %d)", sec, s.secrets["app9"], s.patches, tt.patches)
			}
		})
	}
}

func TestOutcomeUnknown(t *testing.T) {
	for _, tt := range []struct {
		name string
		err  error
		want bool
	}{
		{"502", &Error{StatusCode: 502}, true},
		{"503", &Error{StatusCode: 503}, true},
		{"504", &Error{StatusCode: 504}, true},
		{"wrapped 503", fmt.Errorf("x: %w", &Error{StatusCode: 503}), true},
		{"500", &Error{StatusCode: 500}, false},
		{"422", &Error{StatusCode: 422}, false},
		{"reset", errors.New("connection reset by peer"), true},
		{"attempt timeout", &attemptTimeoutError{timeout: time.Second}, true},
		{"cancelled", fmt.Errorf("x: %w", context.Canceled), false},
		{"dial", &net.OpError{Op: "dial", Err: errors.New("refused")}, false},
		{"nil", nil, false},
	} {
		if got := OutcomeUnknown(tt.err); got != tt.want {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
}
