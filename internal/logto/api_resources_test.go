package logto

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// accessStore is a stateful fake of /api/resources (+ scopes) and /api/roles
// (+ scope links) for the create-lookup tests. Like appStore, onPost decides
// per POST what happens: "" serves it, "before503" answers 503 without
// acting, "afterDrop" acts then drops the connection, "after502" acts then
// answers 502.
type accessStore struct {
	mu         sync.Mutex
	resources  []APIResource
	scopes     []APIResourceScope
	roles      []Role
	roleScopes map[string][]string
	seq        int
	posts      map[string]int // by path
	lists      int
	onPost     []string
}

func (s *accessStore) next() string {
	if len(s.onPost) == 0 {
		return ""
	}
	f := s.onPost[0]
	s.onPost = s.onPost[1:]
	return f
}

func (s *accessStore) id(prefix string) string {
	s.seq++
	return fmt.Sprintf("%s%d", prefix, s.seq)
}

// page serves items the way koa-pagination does.
func page[T any](w http.ResponseWriter, r *http.Request, items []T) {
	p, _ := strconv.Atoi(r.URL.Query().Get("page"))
	size, _ := strconv.Atoi(r.URL.Query().Get("page_size"))
	if p < 1 || size < 1 || size > 100 {
		writeJSON(w, http.StatusBadRequest, `{"code":"guard.invalid_pagination"}`)
		return
	}
	out := []T{}
	for i := (p - 1) * size; i < min(p*size, len(items)); i++ {
		out = append(out, items[i])
	}
	w.Header().Set("Total-Number", strconv.Itoa(len(items)))
	body, _ := json.Marshal(out)
	writeJSON(w, http.StatusOK, string(body))
}

func (s *accessStore) handler(t *testing.T) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		defer s.mu.Unlock()
		parts := strings.Split(strings.TrimPrefix(r.URL.Path, "/api/"), "/")
		if r.Method == http.MethodGet {
			s.lists++
		}
		var fault string
		if r.Method == http.MethodPost {
			s.posts[r.URL.Path]++
			if fault = s.next(); fault == "before503" {
				writeJSON(w, http.StatusServiceUnavailable, `{"message":"busy"}`)
				return
			}
		}
		switch {
		case r.Method == http.MethodPost && r.URL.Path == "/api/resources":
			var in APIResourceCreate
			_ = json.NewDecoder(r.Body).Decode(&in)
			if slices.ContainsFunc(s.resources, func(x APIResource) bool { return x.Indicator == in.Indicator }) {
				writeJSON(w, http.StatusUnprocessableEntity, `{"code":"resource.resource_identifier_in_use"}`)
				return
			}
			res := APIResource{ID: s.id("res"), Name: in.Name, Indicator: in.Indicator, AccessTokenTTL: DefaultAccessTokenTTL}
			s.resources = append(s.resources, res)
			s.finish(t, w, fault, res)
		case r.Method == http.MethodGet && r.URL.Path == "/api/resources":
			page(w, r, s.resources)
		case r.Method == http.MethodPost && len(parts) == 3 && parts[0] == "resources" && parts[2] == "scopes":
			var in APIResourceScopeCreate
			_ = json.NewDecoder(r.Body).Decode(&in)
			sc := APIResourceScope{ID: s.id("scope"), ResourceID: parts[1], Name: in.Name, CreatedAt: time.Now().UnixMilli()}
			s.scopes = append(s.scopes, sc)
			s.finish(t, w, fault, sc)
		case r.Method == http.MethodGet && len(parts) == 3 && parts[0] == "resources" && parts[2] == "scopes":
			var out []APIResourceScope
			for _, sc := range s.scopes {
				if sc.ResourceID == parts[1] {
					out = append(out, sc)
				}
			}
			page(w, r, out)
		case r.Method == http.MethodPost && r.URL.Path == "/api/roles":
			var in RoleCreate
			_ = json.NewDecoder(r.Body).Decode(&in)
			role := Role{ID: s.id("role"), Name: in.Name, Description: in.Description, Type: in.Type}
			s.roles = append(s.roles, role)
			s.finish(t, w, fault, role)
		case r.Method == http.MethodGet && r.URL.Path == "/api/roles":
			search := r.URL.Query().Get("search")
			var out []Role
			for _, role := range s.roles {
				if search == "" || strings.EqualFold(role.Name, search) {
					out = append(out, role)
				}
			}
			page(w, r, out)
		case r.Method == http.MethodPost && len(parts) == 3 && parts[0] == "roles" && parts[2] == "scopes":
			var in struct{ ScopeIDs []string }
			_ = json.NewDecoder(r.Body).Decode(&in)
			for _, id := range in.ScopeIDs {
				if slices.Contains(s.roleScopes[parts[1]], id) {
					writeJSON(w, http.StatusUnprocessableEntity, `{"code":"role.scope_exists"}`)
					return
				}
			}
			s.roleScopes[parts[1]] = append(s.roleScopes[parts[1]], in.ScopeIDs...)
			s.finish(t, w, fault, []any{})
		case r.Method == http.MethodGet && len(parts) == 3 && parts[0] == "roles" && parts[2] == "scopes":
			var out []RoleScope
			for _, id := range s.roleScopes[parts[1]] {
				out = append(out, RoleScope{APIResourceScope: APIResourceScope{ID: id}})
			}
			page(w, r, out)
		default:
			t.Errorf("unexpected %s %s", r.Method, r.URL)
			writeJSON(w, http.StatusNotFound, `{}`)
		}
	}
}

func (s *accessStore) finish(t *testing.T, w http.ResponseWriter, fault string, obj any) {
	switch fault {
	case "afterDrop":
		dropConnection(t, w)
	case "after502":
		writeJSON(w, http.StatusBadGateway, `{"message":"bad gateway"}`)
	default:
		body, _ := json.Marshal(obj)
		writeJSON(w, http.StatusCreated, string(body))
	}
}

func newAccessStore(t *testing.T, faults ...string) (*accessStore, *Client) {
	t.Helper()
	s := &accessStore{onPost: faults, roleScopes: map[string][]string{}, posts: map[string]int{}}
	f := newFakeLogto(t, s.handler(t))
	return s, f.client(t, noKeepAlive)
}

func TestCreateAPIResource_LostAnswerAdoptsByIndicator(t *testing.T) {
	for _, fault := range []string{"afterDrop", "after502", "before503"} {
		t.Run(fault, func(t *testing.T) {
			s, c := newAccessStore(t, fault)
			// Another resource, with another indicator, must not be adopted.
			s.resources = append(s.resources, APIResource{ID: "other", Name: "api", Indicator: "https://other.example.com"})
			res, err := c.CreateAPIResource(t.Context(), APIResourceCreate{Name: "api", Indicator: "https://api.example.com"})
			if err != nil {
				t.Fatalf("create: %v", err)
			}
			if len(s.resources) != 2 || res.ID == "other" || res.Indicator != "https://api.example.com" {
				t.Errorf("got %+v, stored %+v: want exactly one new resource, adopted", res, s.resources)
			}
			wantPosts := 1
			if fault == "before503" {
				wantPosts = 2 // the server did not act: sent again after the lookup found nothing
			}
			if n := s.posts["/api/resources"]; n != wantPosts || s.lists < 1 {
				t.Errorf("%d POSTs, %d lists; want %d POSTs and a lookup", n, s.lists, wantPosts)
			}
		})
	}
}

func TestCreateAPIResourceScope_LostAnswerAdoptsByName(t *testing.T) {
	s, c := newAccessStore(t, "afterDrop")
	// A scope of the same name in another resource is not ours.
	s.scopes = append(s.scopes, APIResourceScope{ID: "elsewhere", ResourceID: "res-b", Name: "read:items", CreatedAt: time.Now().UnixMilli()})
	sc, err := c.CreateAPIResourceScope(t.Context(), "res-a", APIResourceScopeCreate{Name: "read:items"})
	if err != nil {
		t.Fatalf("create: %v", err)
	}
	if sc.ID == "elsewhere" || sc.ResourceID != "res-a" || len(s.scopes) != 2 || s.posts["/api/resources/res-a/scopes"] != 1 {
		t.Errorf("got %+v, %d scopes, %d POSTs", sc, len(s.scopes), s.posts["/api/resources/res-a/scopes"])
	}
}

func TestListAPIResourceScopes_ReadsEveryPage(t *testing.T) {
	s, c := newAccessStore(t)
	for i := range 230 {
		s.scopes = append(s.scopes, APIResourceScope{ID: fmt.Sprintf("s%03d", i), ResourceID: "res-a", Name: fmt.Sprintf("n%d", i)})
	}
	got, err := c.ListAPIResourceScopes(t.Context(), "res-a")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 230 || s.lists != 3 {
		t.Errorf("%d scopes in %d requests, want 230 in 3 pages", len(got), s.lists)
	}
}
