package logto

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// userStore is a stateful fake of POST/GET /api/users for the create-lookup
// tests. onPost decides what happens to each POST, as in accessStore: ""
// serves it, "before503" answers 503 without acting, "afterDrop" acts then
// drops the connection, "after502" acts then answers 502.
type userStore struct {
	mu      sync.Mutex
	users   []User
	posts   int
	queries []string // raw queries of the listings
	onPost  []string
}

func newUserStore(t *testing.T, faults ...string) (*userStore, *Client) {
	t.Helper()
	s := &userStore{onPost: faults}
	f := newFakeLogto(t, s.handler(t))
	return s, f.client(t, noKeepAlive)
}

func (s *userStore) handler(t *testing.T) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		defer s.mu.Unlock()
		switch {
		case r.Method == http.MethodPost && r.URL.Path == "/api/users":
			s.posts++
			fault := ""
			if len(s.onPost) > 0 {
				fault, s.onPost = s.onPost[0], s.onPost[1:]
			}
			if fault == "before503" {
				writeJSON(w, http.StatusServiceUnavailable, `{"message":"busy"}`)
				return
			}
			var in struct {
				Username, PrimaryEmail *string
				Password               *string
			}
			_ = json.NewDecoder(r.Body).Decode(&in)
			for _, u := range s.users {
				if in.Username != nil && u.Username != nil && *u.Username == *in.Username {
					writeJSON(w, http.StatusUnprocessableEntity, `{"code":"user.username_already_in_use"}`)
					return
				}
			}
			u := User{
				ID: fmt.Sprintf("user%d", len(s.users)+1), Username: in.Username, PrimaryEmail: in.PrimaryEmail,
				HasPassword: in.Password != nil, CreatedAt: time.Now().UnixMilli(), CustomData: json.RawMessage(`{}`),
			}
			s.users = append(s.users, u)
			switch fault {
			case "afterDrop":
				dropConnection(t, w)
			case "after502":
				writeJSON(w, http.StatusBadGateway, `{"message":"bad gateway"}`)
			default:
				body, _ := json.Marshal(u)
				writeJSON(w, http.StatusOK, string(body))
			}
		case r.Method == http.MethodGet && r.URL.Path == "/api/users":
			s.queries = append(s.queries, r.URL.RawQuery)
			q := r.URL.Query()
			var out []User
			for _, u := range s.users {
				// Logto's exact mode ignores case.
				match := func(field string, v *string) bool {
					want := q.Get("search." + field)
					return want == "" || (q.Get("mode."+field) == "exact" && v != nil && strings.EqualFold(*v, want))
				}
				if match("username", u.Username) && match("primaryEmail", u.PrimaryEmail) {
					out = append(out, u)
				}
			}
			w.Header().Set("Total-Number", strconv.Itoa(len(out)))
			body, _ := json.Marshal(out)
			writeJSON(w, http.StatusOK, string(body))
		default:
			t.Errorf("unexpected %s %s", r.Method, r.URL)
			writeJSON(w, http.StatusNotFound, `{}`)
		}
	}
}

func TestCreateUser_LostAnswerAdoptsByExactUsername(t *testing.T) {
	for _, fault := range []string{"afterDrop", "after502", "before503"} {
		t.Run(fault, func(t *testing.T) {
			s, c := newUserStore(t, fault)
			// Logto's exact search ignores case, and usernames are
			// case-sensitive: "ADA" is another user and must not be adopted.
			s.users = append(s.users, User{ID: "upper", Username: new("ADA"), CreatedAt: time.Now().UnixMilli()})
			u, err := c.CreateUser(t.Context(), UserCreate{Username: new("ada"), Password: new("s3cret")})
			if err != nil {
				t.Fatalf("create: %v", err)
			}
			if u.ID == "upper" || deref(u.Username) != "ada" || len(s.users) != 2 {
				t.Errorf("got %+v, %d users: want exactly one new user, ours", u, len(s.users))
			}
			wantPosts := 1
			if fault == "before503" {
				wantPosts = 2 // the server did not act: sent again after the lookup found nothing
			}
			if s.posts != wantPosts || len(s.queries) < 1 {
				t.Fatalf("%d POSTs, %d lookups; want %d POSTs and a lookup", s.posts, len(s.queries), wantPosts)
			}
			if q := s.queries[0]; !strings.Contains(q, "search.username=ada") || !strings.Contains(q, "mode.username=exact") {
				t.Errorf("lookup query %q, want an exact username search", q)
			}
		})
	}
}

func TestCreateUser_LostAnswerAdoptsByEmailIgnoringCase(t *testing.T) {
	s, c := newUserStore(t, "afterDrop")
	u, err := c.CreateUser(t.Context(), UserCreate{PrimaryEmail: new("Ada@Example.com")})
	if err != nil {
		t.Fatalf("create: %v", err)
	}
	if len(s.users) != 1 || s.posts != 1 || u.ID != s.users[0].ID {
		t.Errorf("got %+v after %d POSTs, stored %d users: want the one user adopted", u, s.posts, len(s.users))
	}
	if q := s.queries[0]; !strings.Contains(q, "search.primaryEmail=Ada%40Example.com") || !strings.Contains(q, "mode.primaryEmail=exact") {
		t.Errorf("lookup query %q, want an exact primaryEmail search", q)
	}
}

func TestUsersWithUsername_KeepsOnlyTheExactCase(t *testing.T) {
	s, c := newUserStore(t)
	s.users = []User{{ID: "a", Username: new("Ada_1")}, {ID: "b", Username: new("ada_1")}, {ID: "c", Username: new("adaX1")}}
	got, err := c.UsersWithUsername(t.Context(), "ada_1")
	if err != nil {
		t.Fatal(err)
	}
	// The fake, like Logto, answers both case variants; "_" is no wildcard
	// in exact mode, so adaX1 is not among them.
	if len(got) != 1 || got[0].ID != "b" {
		t.Errorf("UsersWithUsername = %+v, want only user b", got)
	}
}

func TestUserProfile_KeepsUnknownFields(t *testing.T) {
	raw := `{"givenName":"Ada","shoeSize":"42","address":{"country":"GB","planet":"Earth"}}`
	var p UserProfile
	if err := json.Unmarshal([]byte(raw), &p); err != nil {
		t.Fatal(err)
	}
	if deref(p.GivenName) != "Ada" || p.Address == nil || deref(p.Address.Country) != "GB" {
		t.Fatalf("decoded %+v", p)
	}
	// A field set to nil is left out; the unknown ones go back unchanged.
	p.GivenName = nil
	p.FamilyName = new("Lovelace")
	out, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"familyName":"Lovelace","shoeSize":"42","address":{"country":"GB","planet":"Earth"}}`; !jsonEqual(t, string(out), want) {
		t.Errorf("encoded %s, want %s", out, want)
	}
}

func TestUserPatch_NullClearsOmittedKeeps(t *testing.T) {
	p := UserPatch{PrimaryEmail: NullableNull[string](), Name: NullableValue("Ada")}
	if p.IsEmpty() {
		t.Fatal("IsEmpty() = true for a patch with fields")
	}
	out, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"primaryEmail":null,"name":"Ada"}`; !jsonEqual(t, string(out), want) {
		t.Errorf("encoded %s, want %s", out, want)
	}
	if !(UserPatch{}).IsEmpty() {
		t.Error("IsEmpty() = false for the zero patch")
	}
}

func TestUserCreate_StringHidesPassword(t *testing.T) {
	in := UserCreate{Username: new("ada"), Password: new("hunter2-Secret")}
	for _, s := range []string{fmt.Sprint(in), fmt.Sprintf("%+v", in), fmt.Sprintf("%#v", in)} {
		if strings.Contains(s, "hunter2-Secret") {
			t.Errorf("formatted create shows the password: %s", s)
		}
		// Positive control: the formatting shows the create itself.
		if !strings.Contains(s, "ada") {
			t.Errorf("formatted create %q does not name the user", s)
		}
	}
	// Positive control: the password is in the body sent.
	body, _ := json.Marshal(in)
	if !strings.Contains(string(body), "hunter2-Secret") {
		t.Errorf("body %s has no password", body)
	}
}
